// Why an ID token was refused, as data a program can read. Every refusal keeps @logto's code
// (`id_token.invalid_token`, or `id_token.invalid_iat` for the issued-at window) and carries
// {reason, joseCode?, claim?, expected?, found?}: `reason` is ours and stable, `joseCode` the
// code the jose library (behind @logto/browser) gives the same failure, for code that matched
// on it.
#pragma once

#include "logto/errors.hpp"

#include <string>

namespace logto::jose {

enum class TokenFailure {
  Malformed,         // not a compact JWS, or a segment is not base64url JSON
  AlgNotAllowed,     // `alg` outside the accepted asymmetric list (none, HS256, ...)
  KeyNotFound,       // no key in the JWKS for the token's `kid` or algorithm
  KeyUnusable,       // the key named cannot verify this algorithm, or is malformed or weak
  SignatureInvalid,  // the signature does not verify
  ClaimMissing,      // a required claim is absent or of the wrong type
  ClaimMismatch,     // `iss` or `aud` is not the expected value
  Expired,           // `exp` is past (beyond the clock tolerance)
  NotYetValid,       // `nbf` is ahead
  IatOutOfWindow,    // `iat` further than the tolerance from now (@logto's own check)
  IdentityChanged,   // a later ID token names another `iss`, `sub` or `aud` than the session's
};

const char* reason_name(TokenFailure reason);

// `claim` is the claim (or header member) at fault, "" for none; `expected` and `found` go into
// the error's data when not null. Two overloads, so a call site without values builds no Json.
Error token_error(TokenFailure reason, const std::string& detail, const char* claim = "");
Error token_error(TokenFailure reason, const std::string& detail, const char* claim,
                  const Json& expected, const Json& found);

}  // namespace logto::jose
