// Checks the redirect back from the provider and extracts the authorization code.
#pragma once

#include "logto/result.hpp"

#include <string>

namespace logto::oidc {

// References to the caller's strings, which outlive the check.
struct CallbackExpectations {
  const std::string& redirect_uri;  // origin and path the callback must have
  const std::string& state;         // saved at sign-in
  // RFC 9207 (mix-up defence): `iss` in the response, when present, must equal `issuer`; when
  // the provider advertises `authorization_response_iss_parameter_supported` it must be present.
  // An empty `issuer` skips the check (unit tests of the other rules).
  const std::string& issuer;
  bool issuer_required = false;
};

// Fails with LogtoError `callback_uri_verification.*`: redirect_uri_mismatched (origin and path
// differ), error_found (data: {error, errorDescription}), missing_state, state_mismatched,
// missing_code; or with LogtoWasmError `callback_uri_verification.issuer_mismatched` /
// `.missing_issuer` (@logto has no code for them). Messages never repeat the code or the state.
Result<std::string> verify_and_parse_code(const std::string& callback_uri,
                                          const CallbackExpectations& expect);

}  // namespace logto::oidc
