#include "logto/pkce/pkce.hpp"

#include "logto/crypto/digest.hpp"
#include "logto/encoding/base64url.hpp"

#include <cctype>
#include <stdexcept>
#include <vector>

namespace logto::pkce {

std::string random_string(Random& random, size_t bytes) {
  std::vector<uint8_t> buf(bytes);
  random.fill(buf.data(), buf.size());
  return base64url::encode(std::string_view(reinterpret_cast<const char*>(buf.data()), bytes));
}

std::string generate_code_verifier(Random& random) {
  return random_string(random);
}
std::string generate_state(Random& random) {
  return random_string(random);
}

bool is_valid_verifier(std::string_view verifier) {
  if (verifier.size() < 43 || verifier.size() > 128) return false;
  for (unsigned char c : verifier) {
    if (!std::isalnum(c) && c != '-' && c != '.' && c != '_' && c != '~') return false;
  }
  return true;
}

std::string code_challenge(std::string_view verifier) {
  if (!is_valid_verifier(verifier)) {
    throw std::invalid_argument("PKCE code verifier must be 43-128 characters of [A-Za-z0-9-._~]");
  }
  return base64url::encode(crypto::sha256(verifier));
}

}  // namespace logto::pkce
