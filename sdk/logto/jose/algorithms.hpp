// The JWS algorithms the SDK accepts: an explicit allow-list. `none`, HMAC and anything else
// are refused by name.
#pragma once

#include "logto/crypto/digest.hpp"
#include "logto/crypto/signature.hpp"

#include <optional>
#include <string>

namespace logto::jose {

enum class KeyType { RSA, EC };
enum class Padding { Pkcs1, Pss, None };

struct Algorithm {
  std::string name;
  KeyType kty;
  crypto::Hash hash;
  Padding padding;      // RSA only
  crypto::Curve curve;  // EC only
};

// nullopt for anything outside RS256/384/512, PS256/384/512, ES256/384/512.
std::optional<Algorithm> find_algorithm(const std::string& name);

// The JWK "crv" name of a curve (RFC 7518 §6.2.1.1): "P-256", "P-384", "P-521".
const char* jwk_curve_name(crypto::Curve curve);

}  // namespace logto::jose
