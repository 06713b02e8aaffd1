// JWS signing with mbedTLS-generated keys: the provider signs ID tokens with it, and the tests
// make vectors for every accepted algorithm. The browser SDK never links it in (unused code is
// dropped at link time).
#pragma once

#include "logto/ports.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace logto::jose {

class SigningKey {
 public:
  // `alg` is one of the accepted algorithms (RS*, PS*, ES*); RSA keys are 2048 bits.
  // Throws std::invalid_argument for anything else.
  static SigningKey generate(const std::string& alg, const std::string& kid, Random& random);
  // A key saved with private_jwk(). Throws std::invalid_argument naming what is wrong (unknown
  // alg, missing member, a private part that does not match the public one).
  static SigningKey from_private_jwk(const nlohmann::json& jwk);

  SigningKey(SigningKey&&) noexcept;
  SigningKey& operator=(SigningKey&&) noexcept;
  ~SigningKey();

  const std::string& alg() const;
  const std::string& kid() const;
  nlohmann::json public_jwk() const;  // {kty, kid, alg, use: "sig", n/e or crv/x/y}
  // public_jwk() plus the private members (RSA: d, p, q; EC: d), for the provider's key store.
  nlohmann::json private_jwk() const;

  // The JWS signing input, base64url(header) "." base64url(payload), with header {alg, kid}
  // plus `extra_header`: what sign() signs, for a caller that signs with its own primitive.
  std::string signing_input(const nlohmann::json& payload,
                            const nlohmann::json& extra_header = nlohmann::json::object()) const;

  // Compact JWS of `payload` with header {alg, kid} plus `extra_header`.
  std::string sign(const nlohmann::json& payload, Random& random,
                   const nlohmann::json& extra_header = nlohmann::json::object()) const;

 private:
  struct Impl;
  explicit SigningKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace logto::jose
