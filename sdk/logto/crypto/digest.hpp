// SHA-2 digests (mbedTLS), for PKCE and JWS verification.
#pragma once

#include <string>
#include <string_view>

namespace logto::crypto {

enum class Hash { Sha256, Sha384, Sha512 };

std::string digest(Hash hash, std::string_view data);
inline std::string sha256(std::string_view data) {
  return digest(Hash::Sha256, data);
}
size_t digest_size(Hash hash);

}  // namespace logto::crypto
