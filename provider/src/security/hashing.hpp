// Hashes and MACs for secrets at rest and in cookies. Codes and tokens are stored as SHA-256
// (they are long random values, so a fast hash is enough); cookies are HMAC-SHA-256 signed.
#pragma once

#include <string>
#include <string_view>

namespace provider::security {

std::string sha256_hex(std::string_view data);
std::string hmac_sha256(std::string_view key, std::string_view data);  // raw bytes
bool constant_time_equal(std::string_view a, std::string_view b);

// "value.signature" with a base64url HMAC; verify returns the value or "" when forged.
std::string sign_value(std::string_view secret, const std::string& value);
std::string verify_signed_value(std::string_view secret, const std::string& signed_value);

}  // namespace provider::security
