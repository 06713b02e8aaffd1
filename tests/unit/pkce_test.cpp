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
  std::string verifier = pkce::random_string(random, 32);
  CHECK(verifier == "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  CHECK(pkce::code_challenge(verifier) == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST_CASE("PKCE: verifier and state come from 64 random bytes and are valid") {
  test::SeededRandom random;
  std::string v = pkce::generate_code_verifier(random);
  std::string s = pkce::generate_state(random);
  CHECK(v.size() == 86);
  CHECK(pkce::is_valid_verifier(v));
  CHECK(s.size() == 86);
  CHECK(v != s);
}

TEST_CASE("PKCE: verifiers outside RFC 7636 §4.1 are refused") {
  CHECK_THROWS_AS(pkce::code_challenge(std::string(42, 'a')), std::invalid_argument);
  CHECK_THROWS_AS(pkce::code_challenge(std::string(129, 'a')), std::invalid_argument);
  CHECK_THROWS_AS(pkce::code_challenge(std::string(43, '+')), std::invalid_argument);
  CHECK_NOTHROW(pkce::code_challenge(std::string(128, '~')));
}
