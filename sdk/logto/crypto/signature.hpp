// Raw signature checks for the JWS algorithms the SDK accepts. Keys arrive as decoded
// big-endian bytes; the JOSE layer decides which key and algorithm to use.
#pragma once

#include "logto/crypto/digest.hpp"
#include "logto/result.hpp"

#include <string>
#include <string_view>

namespace logto::crypto {

enum class Curve { P256, P384, P521 };
size_t curve_field_bytes(Curve curve);

// Each returns true for a valid signature and false for a wrong one. A key that cannot be used
// at all (too small, not on the curve) is an error whose message names the problem.
Result<bool> verify_rsa_pkcs1(Hash hash, std::string_view n, std::string_view e,
                              std::string_view data, std::string_view signature);
Result<bool> verify_rsa_pss(Hash hash, std::string_view n, std::string_view e,
                            std::string_view data, std::string_view signature);
// `signature` is JWS's fixed-width r || s, not DER.
Result<bool> verify_ecdsa(Curve curve, Hash hash, std::string_view x, std::string_view y,
                          std::string_view data, std::string_view signature);

constexpr size_t kMinRsaBits = 2048;

}  // namespace logto::crypto
