#include "fakes.hpp"
#include "logto/oidc/callback.hpp"
#include "logto/oidc/discovery.hpp"
#include "logto/oidc/http.hpp"
#include "logto/oidc/id_token.hpp"
#include "logto/oidc/sign_in_uri.hpp"
#include "logto/oidc/token_requests.hpp"

#include <doctest/doctest.h>

using namespace logto;
using json = logto::Json;

namespace {

json discovery_doc() {
  return {{"issuer", "https://id.example/oidc"},
          {"authorization_endpoint", "https://id.example/oidc/auth"},
          {"token_endpoint", "https://id.example/oidc/token"},
          {"userinfo_endpoint", "https://id.example/oidc/me"},
          {"end_session_endpoint", "https://id.example/oidc/session/end"},
          {"revocation_endpoint", "https://id.example/oidc/token/revocation"},
          {"jwks_uri", "https://id.example/oidc/jwks"}};
}

}  // namespace

TEST_CASE("discovery: URL and required fields") {
  CHECK(logto::or_throw(oidc::discovery_url("https://id.example")) ==
        "https://id.example/oidc/.well-known/openid-configuration");
  test::expect_error([] { logto::or_throw(oidc::discovery_url("id.example")); }, "invalid_config");
  auto cfg = logto::or_throw(oidc::parse_discovery(discovery_doc()));
  CHECK(cfg.jwks_uri == "https://id.example/oidc/jwks");
  CHECK(cfg.to_camel_case()["endSessionEndpoint"] == "https://id.example/oidc/session/end");
  for (const char* field : {"issuer", "authorization_endpoint", "token_endpoint", "jwks_uri"}) {
    CAPTURE(field);
    json doc = discovery_doc();
    doc.erase(field);
    auto e = test::expect_error([&] { logto::or_throw(oidc::parse_discovery(doc)); },
                                "unexpected_response_error");
    CHECK(std::string(e.what()).find(std::string("\"") + field + "\"") != std::string::npos);
    CHECK(e.data()["reason"] == "oidc_config.invalid");
    CHECK(e.error_class() == logto::ErrorClass::LogtoError);
  }
}

TEST_CASE("discovery: endpoints that serve one method each may be absent, not mistyped") {
  for (const char* field : {"userinfo_endpoint", "end_session_endpoint", "revocation_endpoint"}) {
    CAPTURE(field);
    json doc = discovery_doc();
    doc.erase(field);
    auto cfg = oidc::parse_discovery(doc);
    REQUIRE(cfg.ok());
    CHECK(cfg->issuer == "https://id.example/oidc");
    doc[field] = 42;
    auto e = test::expect_error([&] { logto::or_throw(oidc::parse_discovery(doc)); },
                                "unexpected_response_error");
    CHECK(std::string(e.what()).find(std::string("\"") + field + "\"") != std::string::npos);
  }
}

TEST_CASE("sign-in URI: identical to @logto/js 3.x generateSignInUri") {
  oidc::SignInUriParams p;
  p.authorization_endpoint = "https://id.example/oidc/auth";
  p.client_id = "app1";
  p.redirect_uri = "http://localhost:3000/callback";
  p.code_challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  p.state = "st";
  // Defaults: reserved scopes, prompt=consent.
  CHECK(oidc::build_sign_in_uri(p) ==
        "https://id.example/oidc/auth?client_id=app1&redirect_uri=http%3A%2F%2Flocalhost%3A3000%"
        "2Fcallback&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_"
        "method=S256&state=st&response_type=code&prompt=consent&scope=openid+offline_access+"
        "profile");
  // Everything at once, in @logto's order.
  p.scopes = {"email", "openid", "email"};
  p.resources = {"https://api.a", "https://api.b"};
  p.prompt = {"login", "consent"};
  p.login_hint = "+81 90";
  p.direct_sign_in = oidc::DirectSignIn{"social", "google"};
  p.first_screen = "identifier:register";
  p.interaction_mode = "signUp";  // ignored when first_screen is set
  p.identifiers = {"phone", "email"};
  p.extra_params = {{"ui_locales", "ja"}};
  CHECK(oidc::build_sign_in_uri(p) ==
        "https://id.example/oidc/auth?client_id=app1&redirect_uri=http%3A%2F%2Flocalhost%3A3000%"
        "2Fcallback&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_"
        "method=S256&state=st&response_type=code&prompt=login+consent&scope=openid+offline_"
        "access+profile+email&login_hint=%2B81+90&direct_sign_in=social%3Agoogle&resource="
        "https%3A%2F%2Fapi.a&resource=https%3A%2F%2Fapi.b&first_screen=identifier%3Aregister&"
        "identifier=phone+email&ui_locales=ja");
  p.first_screen.clear();
  p.include_reserved_scopes = false;
  p.scopes.clear();
  std::string uri = oidc::build_sign_in_uri(p);
  CHECK(uri.find("interaction_mode=signUp") != std::string::npos);
  CHECK(uri.find("scope=") == std::string::npos);
}

TEST_CASE("sign-out URI") {
  CHECK(oidc::build_sign_out_uri("https://id.example/oidc/session/end", "app1",
                                 "http://localhost:3000") ==
        "https://id.example/oidc/session/end?client_id=app1&post_logout_redirect_uri=http%3A%2F%"
        "2Flocalhost%3A3000");
  CHECK(oidc::build_sign_out_uri("https://e/end", "app1", "") == "https://e/end?client_id=app1");
}

TEST_CASE("callback verification: every rejection has its code and names the values") {
  const std::string redirect = "http://localhost:3000/callback";
  CHECK(logto::or_throw(
            oidc::verify_and_parse_code(redirect + "?code=c1&state=s1", redirect, "s1")) == "c1");
  CHECK(logto::or_throw(oidc::verify_and_parse_code(
            "http://LOCALHOST:3000/callback?state=s1&code=c%2B1#x", redirect, "s1")) == "c+1");

  auto e = test::expect_error(
      [&] {
        logto::or_throw(oidc::verify_and_parse_code("http://localhost:3000/other?code=c&state=s",
                                                    redirect, "s"));
      },
      "callback_uri_verification.redirect_uri_mismatched");
  CHECK(std::string(e.what()).find("Expected a URL at http://localhost:3000/callback") !=
        std::string::npos);
  CHECK(std::string(e.what()).find("/other") != std::string::npos);
  test::expect_error(
      [&] {
        logto::or_throw(oidc::verify_and_parse_code("http://evil.example/callback?code=c&state=s",
                                                    redirect, "s"));
      },
      "callback_uri_verification.redirect_uri_mismatched");

  e = test::expect_error(
      [&] {
        logto::or_throw(oidc::verify_and_parse_code(
            redirect + "?error=access_denied&error_description=No+way&state=s", redirect, "s"));
      },
      "callback_uri_verification.error_found");
  CHECK(e.data()["error"] == "access_denied");
  CHECK(e.data()["errorDescription"] == "No way");
  CHECK(std::string(e.what()).find("access_denied") != std::string::npos);

  test::expect_error(
      [&] { logto::or_throw(oidc::verify_and_parse_code(redirect + "?code=c", redirect, "s")); },
      "callback_uri_verification.missing_state");
  e = test::expect_error(
      [&] {
        logto::or_throw(
            oidc::verify_and_parse_code(redirect + "?code=c&state=other", redirect, "mine"));
      },
      "callback_uri_verification.state_mismatched");
  CHECK(std::string(e.what()).find("Expected state \"mine\", got \"other\"") != std::string::npos);
  test::expect_error(
      [&] { logto::or_throw(oidc::verify_and_parse_code(redirect + "?state=s", redirect, "s")); },
      "callback_uri_verification.missing_code");
}

TEST_CASE("requests: bodies and headers exactly as @logto/js sends them") {
  auto code = oidc::authorization_code_request(
      {"https://id.example/oidc/token", "app1", "c 1", "ver", "http://localhost:3000/callback"});
  CHECK(code.method == "POST");
  CHECK(code.url == "https://id.example/oidc/token");
  CHECK(code.headers ==
        decltype(code.headers){{"Content-Type", "application/x-www-form-urlencoded"}});
  CHECK(code.body ==
        "client_id=app1&code=c+1&code_verifier=ver&redirect_uri=http%3A%2F%2Flocalhost%3A3000%"
        "2Fcallback&grant_type=authorization_code");
  auto refresh = oidc::refresh_token_request(
      {"https://id.example/oidc/token", "app1", "rt", "https://api.a", "org1"});
  CHECK(refresh.body ==
        "client_id=app1&refresh_token=rt&grant_type=refresh_token&resource=https%3A%2F%2Fapi.a&"
        "organization_id=org1");
  CHECK(oidc::refresh_token_request({"t", "app1", "rt", "", ""}).body ==
        "client_id=app1&refresh_token=rt&grant_type=refresh_token");
  CHECK(oidc::revocation_request("https://r", "app1", "rt").body == "client_id=app1&token=rt");
  auto me = oidc::userinfo_request("https://id.example/oidc/me", "at");
  CHECK(me.method == "GET");
  CHECK(me.headers == decltype(me.headers){{"Authorization", "Bearer at"}});
  CHECK(me.body.empty());
}

TEST_CASE("responses: error bodies become typed request errors with the HTTP status") {
  auto e = test::expect_error(
      [] {
        logto::or_throw(oidc::read_json(
            {400, R"({"error":"invalid_grant","error_description":"grant expired"})", ""},
            "https://t"));
      },
      "oidc.invalid_grant");
  CHECK(e.error_class() == ErrorClass::LogtoRequestError);
  CHECK(e.status() == 400);
  CHECK(std::string(e.what()) == "grant expired");
  CHECK(e.data()["error_description"] == "grant expired");

  e = test::expect_error(
      [] {
        logto::or_throw(oidc::read_json(
            {401, R"({"code":"auth.unauthorized","message":"No."})", ""}, "https://t"));
      },
      "auth.unauthorized");
  CHECK(e.status() == 401);

  e = test::expect_error(
      [] {
        logto::or_throw(oidc::read_json({502, "<html>Bad gateway</html>", ""}, "https://t"));
      },
      "unexpected_response_error");
  CHECK(std::string(e.what()).find("HTTP 502 from https://t") != std::string::npos);
  test::expect_error(
      [] {
        logto::or_throw(oidc::read_json({200, "not json", ""}, "https://t"));
      },
      "unexpected_response_error");
  e = test::expect_error(
      [] {
        logto::or_throw(oidc::read_json({0, "", "Failed to fetch"}, "https://t"));
      },
      "network_error");
  CHECK(e.error_class() == ErrorClass::NetworkError);
  CHECK(logto::or_throw(oidc::read_json({200, R"({"a":1})", ""}, "https://t"))["a"] == 1);
}

TEST_CASE("token response: missing or mistyped fields are named") {
  json ok = {{"access_token", "at"}, {"id_token", "it"}, {"expires_in", 3600}, {"scope", "openid"}};
  auto t = logto::or_throw(oidc::parse_token_response(ok, true));
  CHECK(t.access_token == "at");
  CHECK_FALSE(t.refresh_token);
  CHECK(t.expires_in == 3600);
  for (const char* field : {"access_token", "id_token", "expires_in"}) {
    CAPTURE(field);
    json bad = ok;
    bad.erase(field);
    auto e = test::expect_error([&] { logto::or_throw(oidc::parse_token_response(bad, true)); },
                                "unexpected_response_error");
    CHECK(std::string(e.what()).find(field) != std::string::npos);
  }
  json no_scope = ok;
  no_scope.erase("scope");
  CHECK(logto::or_throw(oidc::parse_token_response(no_scope, false)).scope == "");
  json wrong = ok;
  wrong["refresh_token"] = 5;
  test::expect_error([&] { logto::or_throw(oidc::parse_token_response(wrong, true)); },
                     "unexpected_response_error");
}

TEST_CASE("ID token claims: iss, aud, sub, exp, nbf and iat with a 300 s tolerance") {
  const double now = 1'700'000'000;
  oidc::IdTokenExpectations x{"https://id.example/oidc", "app1", now, 300};
  json good = {{"iss", "https://id.example/oidc"},
               {"sub", "u1"},
               {"aud", "app1"},
               {"exp", now + 3600},
               {"iat", now}};
  CHECK_NOTHROW(logto::or_throw(oidc::check_id_token_claims(good, x)));
  json multi = good;
  multi["aud"] = {"other", "app1"};
  CHECK_NOTHROW(logto::or_throw(oidc::check_id_token_claims(multi, x)));
  json skew = good;
  skew["iat"] = now + 299;
  CHECK_NOTHROW(logto::or_throw(oidc::check_id_token_claims(skew, x)));

  struct Case {
    const char* what;
    json claims;
    const char* code;
    const char* message;
  };
  auto with = [&](const char* k, json v) {
    json c = good;
    if (v.is_null()) {
      c.erase(k);
    } else {
      c[k] = v;
    }
    return c;
  };
  std::vector<Case> cases = {
      {"issuer", with("iss", "https://evil/oidc"), "id_token.invalid_token",
       "Expected issuer \"https://id.example/oidc\", got \"https://evil/oidc\""},
      {"no issuer", with("iss", nullptr), "id_token.invalid_token", "\"iss\""},
      {"audience", with("aud", "other"), "id_token.invalid_token", "Expected audience \"app1\""},
      {"audience list", with("aud", json::array({"x"})), "id_token.invalid_token", "audience"},
      {"subject", with("sub", nullptr), "id_token.invalid_token", "\"sub\""},
      {"expired", with("exp", now - 301), "id_token.invalid_token", "expired"},
      {"no exp", with("exp", nullptr), "id_token.invalid_token", "\"exp\""},
      {"nbf", with("nbf", now + 301), "id_token.invalid_token", "not valid before"},
      {"iat future", with("iat", now + 301), "id_token.invalid_iat", "Check this device's clock"},
      {"iat past", with("iat", now - 301), "id_token.invalid_iat", "more than 300 s"},
      {"no iat", with("iat", nullptr), "id_token.invalid_iat", "\"iat\""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    auto e = test::expect_error([&] { logto::or_throw(oidc::check_id_token_claims(c.claims, x)); },
                                c.code);
    CHECK(std::string(e.what()).find(c.message) != std::string::npos);
  }
  // The tolerance is configurable.
  x.tolerance_seconds = 10;
  test::expect_error([&] { logto::or_throw(oidc::check_id_token_claims(skew, x)); },
                     "id_token.invalid_iat");
}
