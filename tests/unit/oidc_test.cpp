#include "fakes.hpp"
#include "logto/encoding/url.hpp"
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
  const std::string endpoint = "https://id.example/oidc/auth", app = "app1",
                    challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", state = "st";
  List<std::string> scopes, resources, app_prompt;
  bool reserved = true;
  auto uri = [&](const oidc::SignInOptions& o) {
    return oidc::build_sign_in_uri(
        {endpoint, app, challenge, state, scopes, resources, app_prompt, reserved}, o);
  };
  oidc::SignInOptions o;
  o.redirect_uri = "http://localhost:3000/callback";
  // Defaults: reserved scopes, prompt=consent.
  CHECK(uri(o) ==
        "https://id.example/oidc/auth?client_id=app1&redirect_uri=http%3A%2F%2Flocalhost%3A3000%"
        "2Fcallback&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_"
        "method=S256&state=st&response_type=code&prompt=consent&scope=openid+offline_access+"
        "profile");
  // The app's prompt when the sign-in names none.
  app_prompt = {"login"};
  CHECK(uri(o).find("&prompt=login&") != std::string::npos);
  // Everything at once, in @logto's order; the sign-in's prompt wins over the app's.
  scopes = {"email", "openid", "email"};
  resources = {"https://api.a", "https://api.b"};
  o.prompt = {"login", "consent"};
  o.login_hint = "+81 90";
  o.direct_sign_in = oidc::DirectSignIn{"social", "google"};
  o.first_screen = "identifier:register";
  o.interaction_mode = "signUp";  // ignored when first_screen is set
  o.identifiers = {"phone", "email"};
  o.extra_params = {{"ui_locales", "ja"}};
  CHECK(uri(o) ==
        "https://id.example/oidc/auth?client_id=app1&redirect_uri=http%3A%2F%2Flocalhost%3A3000%"
        "2Fcallback&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_"
        "method=S256&state=st&response_type=code&prompt=login+consent&scope=openid+offline_"
        "access+profile+email&login_hint=%2B81+90&direct_sign_in=social%3Agoogle&resource="
        "https%3A%2F%2Fapi.a&resource=https%3A%2F%2Fapi.b&first_screen=identifier%3Aregister&"
        "identifier=phone+email&ui_locales=ja");
  o.first_screen.clear();
  reserved = false;
  scopes.clear();
  std::string bare = uri(o);
  CHECK(bare.find("interaction_mode=signUp") != std::string::npos);
  CHECK(bare.find("scope=") == std::string::npos);
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
  CHECK(logto::or_throw(oidc::verify_and_parse_code(redirect + "?code=c1&state=s1",
                                                    {redirect, "s1", "", false})) == "c1");
  CHECK(logto::or_throw(oidc::verify_and_parse_code(
            "http://LOCALHOST:3000/callback?state=s1&code=c%2B1#x", {redirect, "s1", "", false})) ==
        "c+1");

  auto e = test::expect_error(
      [&] {
        logto::or_throw(oidc::verify_and_parse_code("http://localhost:3000/other?code=c&state=s",
                                                    {redirect, "s", "", false}));
      },
      "callback_uri_verification.redirect_uri_mismatched");
  CHECK(std::string(e.what()).find("Expected a URL at http://localhost:3000/callback") !=
        std::string::npos);
  CHECK(std::string(e.what()).find("/other") != std::string::npos);
  // Only origin and path of what arrived: the query holds the authorization code.
  CHECK(std::string(e.what()).find("code=") == std::string::npos);
  test::expect_error(
      [&] {
        logto::or_throw(oidc::verify_and_parse_code("http://evil.example/callback?code=c&state=s",
                                                    {redirect, "s", "", false}));
      },
      "callback_uri_verification.redirect_uri_mismatched");

  e = test::expect_error(
      [&] {
        logto::or_throw(oidc::verify_and_parse_code(
            redirect + "?error=access_denied&error_description=No+way&state=s",
            {redirect, "s", "", false}));
      },
      "callback_uri_verification.error_found");
  CHECK(e.data()["error"] == "access_denied");
  CHECK(e.data()["errorDescription"] == "No way");
  CHECK(std::string(e.what()).find("access_denied") != std::string::npos);

  test::expect_error(
      [&] {
        logto::or_throw(
            oidc::verify_and_parse_code(redirect + "?code=c", {redirect, "s", "", false}));
      },
      "callback_uri_verification.missing_state");
  e = test::expect_error(
      [&] {
        logto::or_throw(oidc::verify_and_parse_code(redirect + "?code=c&state=s-theirs",
                                                    {redirect, "s-mine", "", false}));
      },
      "callback_uri_verification.state_mismatched");
  // Neither state is repeated: the saved one guards this sign-in.
  CHECK(std::string(e.what()).find("s-mine") == std::string::npos);
  CHECK(std::string(e.what()).find("s-theirs") == std::string::npos);
  test::expect_error(
      [&] {
        logto::or_throw(
            oidc::verify_and_parse_code(redirect + "?state=s", {redirect, "s", "", false}));
      },
      "callback_uri_verification.missing_code");
}

TEST_CASE("callback verification: RFC 9207 issuer, checked before the response is read") {
  const std::string redirect = "http://localhost:3000/callback";
  const std::string iss = "https://id.example/oidc";
  oidc::CallbackExpectations advertised{redirect, "s", iss, true};
  oidc::CallbackExpectations silent{redirect, "s", iss, false};
  CHECK(logto::or_throw(oidc::verify_and_parse_code(
            redirect + "?code=c&state=s&iss=https%3A%2F%2Fid.example%2Foidc", advertised)) == "c");
  // Not advertised and absent: accepted, as before RFC 9207.
  CHECK(logto::or_throw(oidc::verify_and_parse_code(redirect + "?code=c&state=s", silent)) == "c");
  for (const auto& expect : {advertised, silent}) {
    for (const char* other :
         {"https://evil.example/oidc", "https://ID.example/oidc", "https://id.example/oidc/", ""}) {
      CAPTURE(other);
      auto e = test::expect_error(
          [&] {
            logto::or_throw(oidc::verify_and_parse_code(
                redirect + "?code=c&state=s&iss=" + url::form_encode(other), expect));
          },
          "callback_uri_verification.issuer_mismatched");
      CHECK(e.error_class() == ErrorClass::WasmError);
      CHECK(e.data()["reason"] == "issuer_mismatched");
      CHECK(e.data()["expected"] == Json(iss));
      CHECK(e.data()["found"] == Json(std::string(other)));
      CHECK(std::string(e.what()).find("mix-up") != std::string::npos);
    }
  }
  // The check comes before an error in the response: another issuer's error is not reported.
  test::expect_error(
      [&] {
        logto::or_throw(oidc::verify_and_parse_code(
            redirect + "?error=access_denied&state=s&iss=https%3A%2F%2Fevil", advertised));
      },
      "callback_uri_verification.issuer_mismatched");
  auto e = test::expect_error(
      [&] {
        logto::or_throw(oidc::verify_and_parse_code(redirect + "?code=c&state=s", advertised));
      },
      "callback_uri_verification.missing_issuer");
  CHECK(e.data()["reason"] == "missing_issuer");
  CHECK(std::string(e.what()).find("authorization_response_iss_parameter_supported") !=
        std::string::npos);
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

TEST_CASE("responses: failures typed as @logto/client's requester types them") {
  // An OAuth error body is JSON without Logto's {code, message}: unexpected_response_error
  // whose data is the body (and is_oauth_error still recognises it).
  auto e = test::expect_error(
      [] {
        logto::or_throw(oidc::read_json(
            {400, R"({"error":"invalid_grant","error_description":"grant expired"})", ""},
            "https://t"));
      },
      "unexpected_response_error");
  CHECK(e.error_class() == ErrorClass::LogtoError);
  CHECK(e.data()["error_description"] == "grant expired");
  CHECK(oidc::is_oauth_error(e, "invalid_grant"));
  CHECK_FALSE(oidc::is_oauth_error(e, "invalid_client"));

  // Logto's own error body: LogtoRequestError with its code and message.
  e = test::expect_error(
      [] {
        logto::or_throw(oidc::read_json(
            {400, R"({"code":"oidc.invalid_grant","message":"Grant request is invalid."})", ""},
            "https://t"));
      },
      "oidc.invalid_grant");
  CHECK(e.error_class() == ErrorClass::LogtoRequestError);
  CHECK(e.status() == 400);
  CHECK(std::string(e.what()) == "Grant request is invalid.");
  CHECK(oidc::is_oauth_error(e, "invalid_grant"));

  // Not JSON: http_error_<status> with the body as message, or the status text when empty;
  // 429 is rate_limited.
  e = test::expect_error(
      [] {
        logto::or_throw(oidc::read_json({502, "<html>Bad gateway</html>", ""}, "https://t"));
      },
      "http_error_502");
  CHECK(e.error_class() == ErrorClass::LogtoRequestError);
  CHECK(e.status() == 502);
  CHECK(std::string(e.what()) == "<html>Bad gateway</html>");
  e = test::expect_error(
      [] {
        logto::or_throw(oidc::read_json({429, "", "", "Too Many Requests"}, "https://t"));
      },
      "rate_limited");
  CHECK(std::string(e.what()) == "Too Many Requests");
  // A JSON value that is not an object is still JSON: unexpected_response_error.
  e = test::expect_error(
      [] {
        logto::or_throw(oidc::read_json({500, "[1]", ""}, "https://t"));
      },
      "unexpected_response_error");
  CHECK(e.data() == Json::array({1}));

  // A 2xx body that is not JSON is described, never quoted (a token response holds tokens).
  e = test::expect_error(
      [] {
        logto::or_throw(oidc::read_json({200, "access_token=secret-at", ""}, "https://t"));
      },
      "unexpected_response_error");
  CHECK(std::string(e.what()).find("secret-at") == std::string::npos);
  CHECK(std::string(e.what()).find("22 bytes that are not JSON") != std::string::npos);
  CHECK(e.data()["reason"] == "response.not_json");
  e = test::expect_error(
      [] {
        logto::or_throw(oidc::read_json({200, " <!doctype html>", ""}, "https://t"));
      },
      "unexpected_response_error");
  CHECK(std::string(e.what()).find("an HTML page") != std::string::npos);

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
    CHECK(e.data() == Json{{"reason", "token_response.invalid"}, {"field", field}});
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
    json data;  // {reason, joseCode?, claim, expected?, found?}
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
  const char* claim_failed = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  auto missing = [&](const char* claim) {
    return json{{"reason", "claim_missing"}, {"joseCode", claim_failed}, {"claim", claim}};
  };
  std::vector<Case> cases = {
      {"issuer",
       with("iss", "https://evil/oidc"),
       "id_token.invalid_token",
       "Expected issuer \"https://id.example/oidc\", got \"https://evil/oidc\"",
       {{"reason", "claim_mismatch"},
        {"joseCode", claim_failed},
        {"claim", "iss"},
        {"expected", "https://id.example/oidc"},
        {"found", "https://evil/oidc"}}},
      {"no issuer", with("iss", nullptr), "id_token.invalid_token", "\"iss\"", missing("iss")},
      {"audience",
       with("aud", "other"),
       "id_token.invalid_token",
       "Expected audience \"app1\"",
       {{"reason", "claim_mismatch"},
        {"joseCode", claim_failed},
        {"claim", "aud"},
        {"expected", "app1"},
        {"found", "other"}}},
      {"audience list",
       with("aud", json::array({"x"})),
       "id_token.invalid_token",
       "audience",
       {{"reason", "claim_mismatch"},
        {"joseCode", claim_failed},
        {"claim", "aud"},
        {"expected", "app1"},
        {"found", {"x"}}}},
      {"no audience", with("aud", nullptr), "id_token.invalid_token", "\"aud\"", missing("aud")},
      {"subject", with("sub", nullptr), "id_token.invalid_token", "\"sub\"", missing("sub")},
      {"expired",
       with("exp", now - 301),
       "id_token.invalid_token",
       "expired",
       {{"reason", "expired"},
        {"joseCode", "ERR_JWT_EXPIRED"},
        {"claim", "exp"},
        {"expected", now - 300},
        {"found", now - 301}}},
      {"no exp", with("exp", nullptr), "id_token.invalid_token", "\"exp\"", missing("exp")},
      {"nbf",
       with("nbf", now + 301),
       "id_token.invalid_token",
       "not valid before",
       {{"reason", "not_yet_valid"},
        {"joseCode", claim_failed},
        {"claim", "nbf"},
        {"expected", now + 300},
        {"found", now + 301}}},
      {"iat future",
       with("iat", now + 301),
       "id_token.invalid_iat",
       "Check this device's clock",
       {{"reason", "iat_out_of_window"},
        {"claim", "iat"},
        {"expected", now},
        {"found", now + 301}}},
      {"iat past",
       with("iat", now - 301),
       "id_token.invalid_iat",
       "more than 300 s",
       {{"reason", "iat_out_of_window"},
        {"claim", "iat"},
        {"expected", now},
        {"found", now - 301}}},
      {"no iat",
       with("iat", nullptr),
       "id_token.invalid_iat",
       "\"iat\"",
       {{"reason", "iat_out_of_window"}, {"claim", "iat"}}},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    auto e = test::expect_error([&] { logto::or_throw(oidc::check_id_token_claims(c.claims, x)); },
                                c.code);
    CHECK(std::string(e.what()).find(c.message) != std::string::npos);
    CHECK(json::parse(e.data().dump()) == c.data);
  }
  // A later ID token must name the session's iss, sub and aud (OIDC Core §12.2).
  CHECK_NOTHROW(
      logto::or_throw(oidc::check_same_identity(good, with("aud", json::array({"app1"})))));
  CHECK_NOTHROW(logto::or_throw(oidc::check_same_identity(good, with("exp", now + 7200))));
  for (const auto& change : std::vector<std::pair<const char*, json>>{
           {"sub", "mallory"}, {"iss", "https://id.example/other"}, {"aud", {"app1", "app2"}}}) {
    const char* claim = change.first;
    const json& value = change.second;
    CAPTURE(claim);
    auto e = test::expect_error(
        [&] { logto::or_throw(oidc::check_same_identity(good, with(claim, value))); },
        "id_token.invalid_token");
    CHECK(e.data()["reason"] == "identity_changed");
    CHECK(e.data()["claim"] == claim);
    CHECK(json::parse(e.data()["expected"].dump()) == good[claim]);
    CHECK(json::parse(e.data()["found"].dump()) == value);
  }
  // The tolerance is configurable.
  x.tolerance_seconds = 10;
  test::expect_error([&] { logto::or_throw(oidc::check_id_token_claims(skew, x)); },
                     "id_token.invalid_iat");
}
