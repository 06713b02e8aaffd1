#include "logto/pkce/pkce.hpp"
#include "fakes.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace logto;

TEST_CASE("PKCE: RFC 7636 Appendix B") {
  test::SeededRandom random;
  random.next_bytes = {116, 24,  223, 180, 151, 153, 224, 37,  79,  250, 96,
                       125, 216, 173, 187, 186, 22,  212, 37,  77,  105, 214,
                       191, 240, 91,  88,  5,   88,  83,  132, 141, 121};
  std::string verifier = logto::or_throw(pkce::random_string(random, 32));
  CHECK(verifier == "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  CHECK(logto::or_throw(pkce::code_challenge(verifier)) ==
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST_CASE("PKCE: verifier and state come from 64 random bytes and are valid") {
  test::SeededRandom random;
  std::string v = logto::or_throw(pkce::generate_code_verifier(random));
  std::string s = logto::or_throw(pkce::generate_state(random));
  CHECK(v.size() == 86);
  CHECK(pkce::is_valid_verifier(v));
  CHECK(s.size() == 86);
  CHECK(v != s);
}

TEST_CASE("PKCE: verifiers outside RFC 7636 §4.1 are refused") {
  for (const std::string& bad :
       {std::string(42, 'a'), std::string(129, 'a'), std::string(43, '+')}) {
    CAPTURE(bad);
    auto challenge = pkce::code_challenge(bad);
    REQUIRE_FALSE(challenge.ok());
    CHECK(challenge.error().code() == "pkce.invalid_verifier");
    CHECK(challenge.error().message().find("43-128 characters") != std::string::npos);
  }
  CHECK(pkce::code_challenge(std::string(128, '~')).ok());
}

TEST_CASE("PKCE: no secure random source is a typed error, not a weak verifier") {
  test::SeededRandom random;
  random.available = false;
  auto verifier = pkce::generate_code_verifier(random);
  REQUIRE_FALSE(verifier.ok());
  CHECK(verifier.error().code() == "crypto_unavailable");
  CHECK(verifier.error().message().find("crypto.getRandomValues") != std::string::npos);
}
