#include "logto/jose/algorithms.hpp"

namespace logto::jose {

std::optional<Algorithm> find_algorithm(const std::string& name) {
  using crypto::Curve;
  using crypto::Hash;
  static const Algorithm kAll[] = {
      {"RS256", KeyType::RSA, Hash::Sha256, Padding::Pkcs1, Curve::P256},
      {"RS384", KeyType::RSA, Hash::Sha384, Padding::Pkcs1, Curve::P256},
      {"RS512", KeyType::RSA, Hash::Sha512, Padding::Pkcs1, Curve::P256},
      {"PS256", KeyType::RSA, Hash::Sha256, Padding::Pss, Curve::P256},
      {"PS384", KeyType::RSA, Hash::Sha384, Padding::Pss, Curve::P256},
      {"PS512", KeyType::RSA, Hash::Sha512, Padding::Pss, Curve::P256},
      {"ES256", KeyType::EC, Hash::Sha256, Padding::None, Curve::P256},
      {"ES384", KeyType::EC, Hash::Sha384, Padding::None, Curve::P384},
      {"ES512", KeyType::EC, Hash::Sha512, Padding::None, Curve::P521},
  };
  for (const auto& a : kAll) {
    if (a.name == name) return a;
  }
  return std::nullopt;
}

const char* jwk_curve_name(crypto::Curve curve) {
  switch (curve) {
    case crypto::Curve::P256:
      return "P-256";
    case crypto::Curve::P384:
      return "P-384";
    case crypto::Curve::P521:
      return "P-521";
  }
  return "";
}

}  // namespace logto::jose
