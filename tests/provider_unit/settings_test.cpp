// The admin's settings parsers refuse a wrong JSON type with their own InvalidInput (code and
// a message naming the field), never nlohmann's type_error: the fuzzer found a boolean
// identifier in signIn.methods escaping as a type_error (tests/fuzz/corpus/
// fuzz_provider_settings/experience-boolean-identifier).
#include "connectors/twilio.hpp"
#include "store/connectors.hpp"
#include "store/errors.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

using nlohmann::json;
using provider::store::InvalidInput;
using provider::store::normalize_experience;

namespace {

// The message of the InvalidInput that fn throws; fails the test if it throws anything else.
template <typename Fn>
std::string refusal(Fn fn) {
  try {
    fn();
  } catch (const InvalidInput& e) {
    return e.what();
  }
  FAIL("expected an InvalidInput");
  return "";
}

std::string experience_refusal(const json& in) {
  return refusal([&] { normalize_experience(in); });
}

}  // namespace

TEST_CASE("normalize_experience: wrong types in signIn.methods are refused by name") {
  CHECK(experience_refusal(json::parse(R"({"signIn":{"methods":[{"identifier":true}]}})")) ==
        "signIn.methods[].identifier must be \"phone\".");
  CHECK(experience_refusal(json::parse(R"({"signIn":{"methods":[{"password":true}]}})")) ==
        "signIn.methods[].identifier must be \"phone\".");
  CHECK(experience_refusal(json::parse(
            R"({"signIn":{"methods":[{"identifier":"phone","verificationCode":"yes"}]}})")) ==
        "signIn.methods[].verificationCode must be true or false.");
  CHECK(experience_refusal(
            json::parse(R"({"signIn":{"methods":[{"identifier":"phone","password":1}]}})")) ==
        "signIn.methods[].password must be true or false.");
  CHECK(experience_refusal(json::parse(R"({"signInMode":7})")) ==
        "signInMode must be SignIn, Register or SignInAndRegister.");
  CHECK(experience_refusal(json::parse(R"({"signUp":{"identifiers":"phone"}})")) ==
        "signUp.identifiers must be [\"phone\"] or [\"email\", \"phone\"].");
  std::string code;
  try {
    normalize_experience(json::parse(R"({"signIn":{"methods":[{"identifier":false}]}})"));
  } catch (const InvalidInput& e) {
    code = e.code();
  }
  CHECK(code == "sign_in_experience.invalid");
}

TEST_CASE("normalize_experience: a well-typed method passes through") {
  auto out = normalize_experience(
      json::parse(R"({"signIn":{"methods":[{"identifier":"phone","password":true}]}})"));
  CHECK(out["signIn"]["methods"] ==
        json::parse(R"([{"identifier":"phone","verificationCode":false,"password":true}])"));
}

TEST_CASE("parse_twilio_config: wrong types are refused, not thrown as type_error") {
  const json base = {{"accountSID", "AC1"},
                     {"authToken", "t"},
                     {"fromMessagingServiceSID", "MG1"},
                     {"templates",
                      {{{"usageType", "SignIn"}, {"content", "{{code}}"}},
                       {{"usageType", "Register"}, {"content", "{{code}}"}},
                       {{"usageType", "ForgotPassword"}, {"content", "{{code}}"}},
                       {{"usageType", "Generic"}, {"content", "{{code}}"}}}}};
  CHECK_NOTHROW(provider::connectors::parse_twilio_config(base));
  for (const char* key : {"accountSID", "authToken", "fromMessagingServiceSID", "apiBase"}) {
    json bad = base;
    bad[key] = true;
    CHECK(refusal([&] {
            provider::connectors::parse_twilio_config(bad);
          }).find(std::string(key) + " must be a non-empty string.") != std::string::npos);
  }
  json bad = base;
  bad["disableRiskCheck"] = "no";
  CHECK(refusal([&] {
          provider::connectors::parse_twilio_config(bad);
        }).find("disableRiskCheck must be true or false.") != std::string::npos);
  bad = base;
  bad["templates"] = {{{"usageType", 1}, {"content", "{{code}}"}}};
  CHECK(refusal([&] {
          provider::connectors::parse_twilio_config(bad);
        }).find("each template needs a usageType and a content string.") != std::string::npos);
}
