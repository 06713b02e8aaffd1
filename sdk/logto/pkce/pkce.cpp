#include "logto/pkce/pkce.hpp"

#include "logto/crypto/digest.hpp"
#include "logto/encoding/base64url.hpp"
#include "logto/encoding/json.hpp"
#include "logto/errors.hpp"

#include <cctype>

namespace logto::pkce {

Result<std::string> random_string(Random& random, size_t bytes) {
  std::string buf(bytes, '\0');
  if (!random.fill(reinterpret_cast<uint8_t*>(buf.data()), buf.size())) {
    return wasm_error("crypto_unavailable",
                      "crypto.getRandomValues is unavailable, so no PKCE verifier or state can "
                      "be made. Load the page in a current browser.");
  }
  return base64url::encode(buf);
}

Result<std::string> generate_code_verifier(Random& random) {
  return random_string(random);
}
Result<std::string> generate_state(Random& random) {
  return random_string(random);
}

bool is_valid_verifier(std::string_view verifier) {
  if (verifier.size() < 43 || verifier.size() > 128) return false;
  for (unsigned char c : verifier) {
    if (!std::isalnum(c) && c != '-' && c != '.' && c != '_' && c != '~') return false;
  }
  return true;
}

Result<std::string> code_challenge(std::string_view verifier) {
  if (!is_valid_verifier(verifier)) {
    return Error(ErrorClass::LogtoError, "pkce.invalid_verifier",
                 cat("PKCE code verifier must be 43-128 characters of [A-Za-z0-9-._~], got ",
                     json_text::number(double(verifier.size())), " characters."));
  }
  return base64url::encode(crypto::sha256(verifier));
}

Result<std::string> challenge_from_digest(std::string_view digest) {
  auto bytes = base64url::decode(digest);
  if (!bytes || bytes->size() != 32) {
    return wasm_error("internal_error",
                      cat("The SHA-256 of the PKCE verifier came back as \"", std::string(digest),
                          "\", not 32 bytes in base64url."),
                      failure_data("digest.invalid", "", nullptr, std::string(digest)));
  }
  return base64url::encode(*bytes);
}

}  // namespace logto::pkce
