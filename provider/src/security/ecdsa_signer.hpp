// ECDSA signing of the provider's ID tokens with Nettle. One P-384 signature costs about
// 0.12 ms of a core with Nettle here against 0.57 ms with Debian's mbedTLS 2.28, and it was
// half of a code exchange's CPU (docs/performance.md). mbedTLS still makes and stores the keys
// (logto::jose::SigningKey) and signs with RSA keys; this only signs with the EC ones.
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace provider::security {

class EcdsaSigner {
 public:
  // The signer for a key saved by SigningKey::private_jwk(): nullptr when the key is not an
  // EC key (RS*/PS* keep signing through mbedTLS). Throws std::invalid_argument when the
  // private scalar does not give the JWK's public point (a key this signer would misuse).
  static std::unique_ptr<const EcdsaSigner> from_private_jwk(const nlohmann::json& jwk);

  EcdsaSigner(const EcdsaSigner&) = delete;
  EcdsaSigner& operator=(const EcdsaSigner&) = delete;
  ~EcdsaSigner();

  // The JWS signature (RFC 7518 §3.4: r || s, each the curve's width) over the signing input,
  // with a fresh random nonce from getrandom. Safe to call from many threads at once.
  std::string sign(std::string_view signing_input) const;

  struct Impl;  // defined, and so constructible, only in ecdsa_signer.cpp
  explicit EcdsaSigner(std::unique_ptr<Impl> impl);

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace provider::security
