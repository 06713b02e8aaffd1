#include "security/hashing.hpp"

#include "logto/crypto/digest.hpp"
#include "logto/encoding/base64url.hpp"

#include <mbedtls/md.h>

#include <stdexcept>

namespace provider::security {

std::string sha256_hex(std::string_view data) {
  static const char kHex[] = "0123456789abcdef";
  std::string digest = logto::crypto::sha256(data);
  std::string out;
  for (unsigned char c : digest) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char out[32];
  int rc = mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256),
                           reinterpret_cast<const unsigned char*>(key.data()), key.size(),
                           reinterpret_cast<const unsigned char*>(data.data()), data.size(), out);
  if (rc != 0) throw std::runtime_error("HMAC-SHA-256 failed");
  return std::string(reinterpret_cast<char*>(out), sizeof out);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string sign_value(std::string_view secret, const std::string& value) {
  return value + "." + logto::base64url::encode(hmac_sha256(secret, value));
}

std::string verify_signed_value(std::string_view secret, const std::string& signed_value) {
  auto dot = signed_value.rfind('.');
  if (dot == std::string::npos) return "";
  std::string value = signed_value.substr(0, dot);
  std::string expected = logto::base64url::encode(hmac_sha256(secret, value));
  return constant_time_equal(expected, std::string_view(signed_value).substr(dot + 1)) ? value : "";
}

}  // namespace provider::security
