#include "fakes.hpp"
#include "logto/crypto/signature.hpp"
#include "logto/encoding/base64url.hpp"
#include "logto/jose/sign.hpp"
#include "logto/jose/verify.hpp"

#include <doctest/doctest.h>

#include <iterator>
#include <stdexcept>

using namespace logto;
using nlohmann::json;

namespace {

// RFC 7515 Appendix A.2 (RS256) and A.3 (ES256): public key and complete JWS.
const json kRfcJwks = {
    {"keys",
     {{{"kty", "RSA"},
       {"kid", "rfc-a2"},
       {"n",
        "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPM"
        "EzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-b"
        "Sf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3q"
        "Co5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb"
        "54h4FRWyuXpoQ"},
       {"e", "AQAB"}},
      {{"kty", "EC"},
       {"kid", "rfc-a3"},
       {"crv", "P-256"},
       {"x", "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"},
       {"y", "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}}}}};
const std::string kRfcPayload =
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlf"
    "Q";
const std::string kRfcA2 =
    "eyJhbGciOiJSUzI1NiJ9." + kRfcPayload +
    ".cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp"
    "5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb"
    "1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOY"
    "EUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw";
const std::string kRfcA3 =
    "eyJhbGciOiJFUzI1NiJ9." + kRfcPayload +
    ".DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q";

std::string b64(const std::string& s) {
  return base64url::encode(s);
}

std::string token_with_header(const json& header, const std::string& signature = "sig") {
  return b64(header.dump()) + "." + b64(R"({"sub":"u"})") + "." + b64(signature);
}

jose::KeyLookup verify(const std::string& token, const json& jwks) {
  return logto::or_throw(jose::verify_signature(logto::or_throw(jose::parse_compact(token)), jwks));
}

// One key per algorithm, generated once with mbedTLS from a fixed seed.
const jose::SigningKey& key_for(const std::string& alg) {
  static std::map<std::string, jose::SigningKey> keys;
  static test::SeededRandom random(42);
  auto it = keys.find(alg);
  if (it == keys.end()) {
    it = keys.emplace(alg, jose::SigningKey::generate(alg, "kid-" + alg, random)).first;
  }
  return it->second;
}

}  // namespace

TEST_CASE("JWS: RFC 7515 A.2 (RS256) and A.3 (ES256) verify") {
  CHECK(verify(kRfcA2, kRfcJwks) == jose::KeyLookup::Found);
  CHECK(verify(kRfcA3, kRfcJwks) == jose::KeyLookup::Found);
  auto jws = logto::or_throw(jose::parse_compact(kRfcA3));
  CHECK(jws.payload["iss"] == "joe");
  CHECK(jws.payload["exp"] == 1300819380);
}

TEST_CASE("JWS: every accepted algorithm verifies a token signed by an mbedTLS key") {
  test::SeededRandom random(7);
  for (const char* alg :
       {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}) {
    CAPTURE(alg);
    const auto& key = key_for(alg);
    json jwks = {{"keys", {key.public_jwk()}}};
    std::string token = key.sign({{"sub", "user"}, {"alg_under_test", alg}}, random);
    CHECK(verify(token, jwks) == jose::KeyLookup::Found);
    // The same signature under another algorithm of the same family must fail.
    auto parts = logto::or_throw(jose::parse_compact(token));
    std::string other = std::string(alg).substr(0, 2) == "ES" ? "ES256" : "RS256";
    if (other != alg) {
      Json h = parts.header;
      h["alg"] = other;
      std::string swapped = b64(h.dump()) + token.substr(token.find('.'));
      test::expect_error([&] { verify(swapped, jwks); }, "id_token.invalid_token");
    }
  }
}

TEST_CASE("JWS: alg none, HMAC and unknown algorithms are refused by name") {
  for (const char* alg : {"none", "HS256", "HS512", "EdDSA", "RS1"}) {
    CAPTURE(alg);
    auto e = test::expect_error(
        [&] {
          verify(token_with_header({{"alg", alg}}), kRfcJwks);
        },
        "id_token.invalid_token");
    CHECK(std::string(e.what()).find(std::string("\"") + alg + "\" is not accepted") !=
          std::string::npos);
    CHECK(e.data()["reason"] == "alg_not_allowed");
    CHECK(e.data()["joseCode"] == "ERR_JOSE_NOT_SUPPORTED");
    CHECK(e.data()["found"] == alg);
  }
  test::expect_error(
      [&] {
        verify(token_with_header({{"typ", "JWT"}}), kRfcJwks);
      },
      "id_token.invalid_token");
}

TEST_CASE("JWS: algorithm and key must match") {
  test::SeededRandom random(8);
  std::string es256 = key_for("ES256").sign({{"sub", "u"}}, random);
  json rsa_with_kid = key_for("RS256").public_jwk();
  rsa_with_kid["kid"] = "kid-ES256";
  auto e = test::expect_error(
      [&] {
        verify(es256, {{"keys", {rsa_with_kid}}});
      },
      "id_token.invalid_token");
  CHECK(std::string(e.what()).find("needs a EC key") != std::string::npos);
  CHECK(e.data()["reason"] == "key_unusable");

  json p384_with_kid = key_for("ES384").public_jwk();
  p384_with_kid["kid"] = "kid-ES256";
  p384_with_kid.erase("alg");
  e = test::expect_error(
      [&] {
        verify(es256, {{"keys", {p384_with_kid}}});
      },
      "id_token.invalid_token");
  CHECK(std::string(e.what()).find("needs curve P-256") != std::string::npos);

  json wrong_alg = key_for("ES256").public_jwk();
  wrong_alg["alg"] = "ES384";
  e = test::expect_error([&] { verify(es256, {{"keys", {wrong_alg}}}); }, "id_token.invalid_token");
  CHECK(std::string(e.what()).find("key is for ES384") != std::string::npos);

  json enc_key = key_for("ES256").public_jwk();
  enc_key["use"] = "enc";
  test::expect_error([&] { verify(es256, {{"keys", {enc_key}}}); }, "id_token.invalid_token");
}

TEST_CASE("JWS: a kid missing from the JWKS is reported for a refetch, not as valid") {
  test::SeededRandom random(9);
  std::string token = key_for("ES384").sign({{"sub", "u"}}, random);
  CHECK(verify(token, {{"keys", {key_for("ES256").public_jwk()}}}) == jose::KeyLookup::KidNotFound);
  CHECK(verify(token, {{"keys", json::array()}}) == jose::KeyLookup::KidNotFound);
}

TEST_CASE("JWS: without a kid, keys that do not fit are skipped") {
  json jwks = kRfcJwks;
  CHECK(verify(kRfcA3, jwks) == jose::KeyLookup::Found);  // RSA key first, skipped
  jwks["keys"].erase(1);
  auto e = test::expect_error([&] { verify(kRfcA3, jwks); }, "id_token.invalid_token");
  CHECK(std::string(e.what()).find("no EC key for ES256") != std::string::npos);
  CHECK(e.data()["reason"] == "key_not_found");
  CHECK(e.data()["joseCode"] == "ERR_JWKS_NO_MATCHING_KEY");
}

TEST_CASE("JWS: malformed, oversized and badly encoded tokens are refused") {
  struct Case {
    std::string token, message;
  };
  std::vector<Case> cases = {
      {"abc", "three dot-separated segments"},
      {"a.b", "three dot-separated segments"},
      {"a.b.c.d", "three dot-separated segments"},
      {"e30=." + b64("{}") + ".c2ln", "header is not valid base64url"},
      {b64("[1]") + "." + b64("{}") + ".c2ln", "header is not a JSON object"},
      {b64("{\"alg\":\"ES256\"}") + ".!!!.c2ln", "payload is not valid base64url"},
      {b64("{\"alg\":\"ES256\"}") + "." + b64("not json") + ".c2ln", "payload is not a JSON"},
      {b64("{\"alg\":\"ES256\"}") + "." + b64("{}") + ".c2l+", "signature is not valid"},
      {std::string(jose::kMaxTokenBytes + 1, 'a'), "larger than"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.message);
    auto e = test::expect_error([&] { logto::or_throw(jose::parse_compact(c.token)); },
                                "id_token.invalid_token");
    CHECK(std::string(e.what()).find(c.message) != std::string::npos);
    CHECK(e.data()["reason"] == "malformed");
    CHECK(e.data()["joseCode"] == "ERR_JWS_INVALID");
  }
}

TEST_CASE("JWS: an empty signature is refused after the algorithm") {
  auto e = test::expect_error(
      [&] { verify(b64(R"({"alg":"ES256"})") + "." + b64("{}") + ".", kRfcJwks); },
      "id_token.invalid_token");
  CHECK(std::string(e.what()).find("signature is empty") != std::string::npos);
  CHECK(e.data()["reason"] == "malformed");
  e = test::expect_error(
      [&] { verify(b64(R"({"alg":"none"})") + "." + b64("{}") + ".", kRfcJwks); },
      "id_token.invalid_token");
  CHECK(e.data()["reason"] == "alg_not_allowed");
}

TEST_CASE("JWS: a tampered payload or signature fails verification") {
  auto tamper = [](std::string token, size_t pos) {
    token[pos] = token[pos] == 'A' ? 'B' : 'A';
    return token;
  };
  // A forged but well-formed payload under the original header and signature.
  std::string forged = "eyJhbGciOiJFUzI1NiJ9." + b64(R"({"iss":"joe","admin":true})") +
                       kRfcA3.substr(kRfcA3.rfind('.'));
  size_t sig_pos = kRfcA3.rfind('.') + 5;
  for (const auto& t : {forged, tamper(kRfcA3, sig_pos), tamper(kRfcA2, kRfcA2.rfind('.') + 5)}) {
    auto e = test::expect_error([&] { verify(t, kRfcJwks); }, "id_token.invalid_token");
    CHECK(std::string(e.what()).find("signature does not verify") != std::string::npos);
    CHECK(e.data()["reason"] == "signature_invalid");
    CHECK(e.data()["joseCode"] == "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  }
  // A truncated signature is refused, not read past its end.
  std::string shortened = kRfcA3.substr(0, kRfcA3.size() - 4);
  test::expect_error([&] { verify(shortened, kRfcJwks); }, "id_token.invalid_token");
}

TEST_CASE("JWS: weak or broken keys are refused") {
  // 1024-bit modulus: below the 2048-bit floor.
  std::string small_n(128, '\xC5');
  auto small = crypto::verify_rsa_pkcs1(
      crypto::Hash::Sha256, small_n, std::string("\x01\x00\x01", 3), "x", std::string(128, '\0'));
  REQUIRE_FALSE(small.ok());
  CHECK(small.error().message() == "RSA key is shorter than 2048 bits");
  json jwks = kRfcJwks;
  jwks["keys"][1]["y"] = jwks["keys"][1]["x"];  // not on the curve
  auto e = test::expect_error([&] { verify(kRfcA3, jwks); }, "id_token.invalid_token");
  CHECK(std::string(e.what()).find("not a point on its curve") != std::string::npos);
  CHECK(e.data()["reason"] == "key_unusable");
  CHECK_FALSE(e.data().contains("joseCode"));
  auto bad_set =
      test::expect_error([&] { verify(kRfcA3, json::array()); }, "unexpected_response_error");
  CHECK(bad_set.data()["reason"] == "jwks.invalid");
}

TEST_CASE("JWS: the checked-in vectors verify, and fail once tampered") {
  struct Vector {
    const char* alg;
    const char* jwk;
    const char* token;
  };
  const Vector vectors[] = {
#include "jws_vectors.inc"
  };
  CHECK(std::size(vectors) == 9);
  for (const auto& v : vectors) {
    CAPTURE(v.alg);
    json jwks = {{"keys", {json::parse(v.jwk)}}};
    std::string token = v.token;
    auto jws = logto::or_throw(jose::parse_compact(token));
    CHECK(jws.header["alg"] == v.alg);
    CHECK(verify(token, jwks) == jose::KeyLookup::Found);
    std::string tampered = token;
    char& c = tampered[tampered.rfind('.') + 3];
    c = c == 'A' ? 'B' : 'A';
    test::expect_error([&] { verify(tampered, jwks); }, "id_token.invalid_token");
  }
}

TEST_CASE("signing keys: a private JWK round-trips and signs like the original") {
  test::SeededRandom random(11);
  for (const char* alg : {"ES384", "ES256", "RS256", "PS256"}) {
    CAPTURE(alg);
    const auto& key = key_for(alg);
    json saved = key.private_jwk();
    CHECK(saved.contains("d"));
    auto restored = jose::SigningKey::from_private_jwk(saved);
    CHECK(restored.kid() == key.kid());
    CHECK(restored.public_jwk() == key.public_jwk());
    json jwks = {{"keys", {key.public_jwk()}}};
    CHECK(verify(restored.sign({{"sub", "u"}}, random), jwks) == jose::KeyLookup::Found);
  }
}

TEST_CASE("signing keys: broken private JWKs are refused with what is wrong") {
  json ec = key_for("ES384").private_jwk();
  auto refused = [](json jwk, const std::string& needle) {
    try {
      jose::SigningKey::from_private_jwk(jwk);
      FAIL("accepted");
    } catch (const std::invalid_argument& e) {
      CHECK(std::string(e.what()).find(needle) != std::string::npos);
    }
  };
  json no_d = ec;
  no_d.erase("d");
  refused(no_d, "no \"d\"");
  json bad_alg = ec;
  bad_alg["alg"] = "HS256";
  refused(bad_alg, "unsupported alg \"HS256\"");
  json off_curve = ec;
  off_curve["x"] = key_for("ES256").public_jwk()["x"];  // a P-256 coordinate: off P-384
  refused(off_curve, "not a valid key");
}
