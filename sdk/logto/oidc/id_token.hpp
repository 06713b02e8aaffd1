// ID token validation (OpenID Connect Core §3.1.3.7) after the signature has been checked,
// with @logto's defaults: 300 s clock tolerance and an issued-at window.
#pragma once

#include "logto/jose/jws.hpp"
#include "logto/jose/verify.hpp"

#include "logto/encoding/json.hpp"

#include <string>

namespace logto::oidc {

constexpr double kDefaultClockToleranceSeconds = 300;

// References to the caller's strings, which outlive the check.
struct IdTokenExpectations {
  const std::string& issuer;     // must equal `iss`
  const std::string& client_id;  // must be in `aud`
  double now_seconds = 0;
  double tolerance_seconds = kDefaultClockToleranceSeconds;
};

// Fails with `id_token.invalid_token` (iss, aud, sub, exp, nbf) or `id_token.invalid_iat`, with
// structured data (jose/token_error.hpp).
Status check_id_token_claims(const Json& claims, const IdTokenExpectations& expect);

// OpenID Connect Core §12.2: an ID token from a refresh names the same `iss`, `sub` and `aud`
// as the one the session began with. Fails with `id_token.invalid_token`, reason
// `identity_changed`, naming the claim.
Status check_same_identity(const Json& before, const Json& after);

// Signature (against `jwks`) then claims. Returns KidNotFound without checking claims when the
// key is not in the set, so the caller can refetch the JWKS once.
Result<jose::KeyLookup> verify_id_token(const std::string& token, const Json& jwks,
                                        const IdTokenExpectations& expect);

}  // namespace logto::oidc
