#include "logto/crypto/digest.hpp"

#include "logto/crypto/mbed_types.hpp"

#include <mbedtls/md.h>

#include <cstdlib>

namespace logto::crypto {
size_t digest_size(Hash hash) {
  switch (hash) {
    case Hash::Sha256:
      return 32;
    case Hash::Sha384:
      return 48;
    case Hash::Sha512:
      return 64;
  }
  return 0;
}

std::string digest(Hash hash, std::string_view data) {
  const mbedtls_md_info_t* info = mbedtls_md_info_from_type(md_type(hash));
  std::string out(digest_size(hash), '\0');
  if (info == nullptr ||
      mbedtls_md(info, reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                 reinterpret_cast<unsigned char*>(out.data())) != 0) {
    // Only a build whose mbedTLS config lacks SHA-2 gets here; no input can cause it.
    std::abort();
  }
  return out;
}

}  // namespace logto::crypto
