// Checks the redirect back from the provider and extracts the authorization code.
#pragma once

#include "logto/result.hpp"

#include <string>

namespace logto::oidc {

// Fails with LogtoError `callback_uri_verification.*`: redirect_uri_mismatched (origin and path
// differ), error_found (data: {error, errorDescription}), missing_state, state_mismatched,
// missing_code. Each message names what was expected and what arrived.
Result<std::string> verify_and_parse_code(const std::string& callback_uri,
                                          const std::string& redirect_uri,
                                          const std::string& state);

}  // namespace logto::oidc
