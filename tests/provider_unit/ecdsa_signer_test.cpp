#include "security/ecdsa_signer.hpp"
#include "logto/encoding/base64url.hpp"
#include "logto/encoding/json.hpp"
#include "logto/jose/jws.hpp"
#include "logto/jose/sign.hpp"
#include "logto/jose/verify.hpp"
#include "security/random.hpp"

#include <doctest/doctest.h>

#include <set>

using provider::security::EcdsaSigner;
namespace jose = logto::jose;

namespace {

jose::SigningKey make_key(const std::string& alg) {
  return jose::SigningKey::generate(alg, "kid-" + alg, provider::security::system_random());
}

// What the SDK (mbedTLS) says of a token signed with the Nettle signer.
jose::KeyLookup verify(const std::string& token, const jose::SigningKey& key) {
  auto jwks = logto::json_text::parse(
      nlohmann::json{{"keys", nlohmann::json::array({key.public_jwk()})}}.dump());
  return logto::or_throw(jose::verify_signature(logto::or_throw(jose::parse_compact(token)), jwks));
}

std::string signed_token(const jose::SigningKey& key, const EcdsaSigner& signer) {
  std::string input = key.signing_input({{"sub", "u"}}, {{"typ", "JWT"}});
  return input + "." + logto::base64url::encode(signer.sign(input));
}

}  // namespace

TEST_CASE("the Nettle signer's JWS signatures verify with the SDK, for every EC algorithm") {
  for (const char* alg : {"ES256", "ES384", "ES512"}) {
    CAPTURE(alg);
    auto key = make_key(alg);
    auto signer = EcdsaSigner::from_private_jwk(key.private_jwk());
    REQUIRE(signer);
    std::set<std::string> signatures;
    for (int i = 0; i < 20; ++i) {
      std::string token = signed_token(key, *signer);
      CHECK(verify(token, key) == jose::KeyLookup::Found);
      signatures.insert(token.substr(token.rfind('.') + 1));
    }
    // A fresh nonce each time: a repeated one would give away the private key.
    CHECK(signatures.size() == 20);

    // Another key of the same curve does not verify it.
    auto other = make_key(alg);
    auto token = signed_token(key, *signer);
    auto jws = logto::or_throw(jose::parse_compact(token));
    auto other_jwks = logto::json_text::parse(
        nlohmann::json{{"keys", nlohmann::json::array({other.public_jwk()})}}.dump());
    CHECK_FALSE(jose::verify_signature(jws, other_jwks).ok());
  }
}

TEST_CASE("the Nettle signer is only for EC keys, and refuses a private scalar of another key") {
  CHECK(EcdsaSigner::from_private_jwk(make_key("RS256").private_jwk()) == nullptr);

  auto jwk = make_key("ES384").private_jwk();
  jwk["d"] = make_key("ES384").private_jwk()["d"];
  CHECK_THROWS_WITH_AS(EcdsaSigner::from_private_jwk(jwk),
                       "private JWK \"d\" does not match its public point", std::invalid_argument);

  auto no_d = make_key("ES256").private_jwk();
  no_d.erase("d");
  CHECK_THROWS_WITH_AS(EcdsaSigner::from_private_jwk(no_d),
                       "private JWK member \"d\" is missing or not base64url",
                       std::invalid_argument);

  auto zero = make_key("ES256").private_jwk();
  zero["d"] = logto::base64url::encode(std::string(32, '\0'));
  CHECK_THROWS_WITH_AS(EcdsaSigner::from_private_jwk(zero),
                       "private JWK \"d\" is not a scalar of its curve", std::invalid_argument);
}
