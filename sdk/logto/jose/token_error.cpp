#include "logto/jose/token_error.hpp"

namespace logto::jose {
namespace {

struct Names {
  const char* reason;
  const char* jose_code;  // nullptr when jose has no code for it
};

Names names(TokenFailure reason) {
  switch (reason) {
    case TokenFailure::Malformed:
      return {"malformed", "ERR_JWS_INVALID"};
    case TokenFailure::AlgNotAllowed:
      return {"alg_not_allowed", "ERR_JOSE_NOT_SUPPORTED"};  // jose, verifying against a JWKS
    case TokenFailure::KeyNotFound:
      return {"key_not_found", "ERR_JWKS_NO_MATCHING_KEY"};
    case TokenFailure::KeyUnusable:
      return {"key_unusable", nullptr};  // jose throws a plain TypeError (a weak RSA key)
    case TokenFailure::SignatureInvalid:
      return {"signature_invalid", "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"};
    case TokenFailure::ClaimMissing:
      return {"claim_missing", "ERR_JWT_CLAIM_VALIDATION_FAILED"};
    case TokenFailure::ClaimMismatch:
      return {"claim_mismatch", "ERR_JWT_CLAIM_VALIDATION_FAILED"};
    case TokenFailure::Expired:
      return {"expired", "ERR_JWT_EXPIRED"};
    case TokenFailure::NotYetValid:
      return {"not_yet_valid", "ERR_JWT_CLAIM_VALIDATION_FAILED"};
    case TokenFailure::IatOutOfWindow:
      return {"iat_out_of_window", nullptr};
    case TokenFailure::IdentityChanged:
      return {"identity_changed", "ERR_JWT_CLAIM_VALIDATION_FAILED"};
  }
  return {"malformed", nullptr};
}

}  // namespace

const char* reason_name(TokenFailure reason) {
  return names(reason).reason;
}

Error token_error(TokenFailure reason, const std::string& detail, const char* claim) {
  return token_error(reason, detail, claim, nullptr, nullptr);
}

Error token_error(TokenFailure reason, const std::string& detail, const char* claim,
                  const Json& expected, const Json& found) {
  Names n = names(reason);
  Json data = failure_data(n.reason, claim, expected, found);
  if (n.jose_code) data["joseCode"] = n.jose_code;
  return logto_error(
      reason == TokenFailure::IatOutOfWindow ? "id_token.invalid_iat" : "id_token.invalid_token",
      detail, std::move(data));
}

}  // namespace logto::jose
