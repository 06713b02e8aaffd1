// The client state machine driven through whole flows with scripted provider responses:
// every request's method, URL, headers and body, and every storage write, are asserted.
#include "logto/client/client.hpp"
#include "fakes.hpp"
#include "logto/crypto/digest.hpp"
#include "logto/encoding/base64url.hpp"
#include "logto/encoding/url.hpp"
#include "logto/jose/sign.hpp"
#include "logto/jose/verify.hpp"
#include "logto/pkce/pkce.hpp"

#include <doctest/doctest.h>

#include <deque>

using namespace logto;
using nlohmann::json;

namespace {

const std::string kEndpoint = "https://id.example";
const std::string kIssuer = "https://id.example/oidc";
const std::string kRedirect = "http://localhost:3000/callback";

json discovery_doc() {
  return {{"issuer", kIssuer},
          {"authorization_endpoint", kIssuer + "/auth"},
          {"token_endpoint", kIssuer + "/token"},
          {"userinfo_endpoint", kIssuer + "/me"},
          {"end_session_endpoint", kIssuer + "/session/end"},
          {"revocation_endpoint", kIssuer + "/token/revocation"},
          {"jwks_uri", kIssuer + "/jwks"}};
}

// The browser performs a signature step with WebCrypto; here mbedTLS does, as on a page
// without crypto.subtle.
oidc::HttpResponse perform_signature(const Json& check) {
  auto alg = jose::find_algorithm(check["alg"].as_string());
  auto signature = base64url::decode(check["signature"].as_string());
  REQUIRE((alg && signature));
  auto verdict = jose::check_signature(*alg, check["jwk"], check["data"].as_string(), *signature);
  if (!verdict) return {kKeyUnusable, "", "", verdict.error().message()};
  return {*verdict ? kSignatureValid : kSignatureInvalid, ""};
}

// What the host saw of one effect.
struct Seen {
  std::string type;  // fetch, navigate, lock
  oidc::HttpRequest request;
  std::string target;
};

struct Harness {
  test::MapStorage storage;
  test::FixedClock clock;
  test::SeededRandom random{1234};
  test::SeededRandom signer_random{99};
  jose::SigningKey key = jose::SigningKey::generate("ES384", "key-1", signer_random);
  Client client;
  std::deque<oidc::HttpResponse> responses;  // served to fetches in order
  std::vector<Seen> seen;
  std::optional<oidc::HttpResponse> signature_answer;  // what the host says, if not mbedTLS
  std::optional<oidc::HttpResponse> digest_answer;     // likewise for SHA-256

  explicit Harness(json config = {{"endpoint", kEndpoint}, {"appId", "app1"}})
      : client(logto::or_throw(parse_config(config)), storage, clock, random) {}

  double now() const { return clock.ms / 1000; }

  std::string id_token(json overrides = json::object(), const jose::SigningKey* with = nullptr) {
    json claims = {{"iss", kIssuer},      {"sub", "user-1"}, {"aud", "app1"},
                   {"exp", now() + 3600}, {"iat", now()},    {"name", "Hanako"}};
    for (const auto& [k, v] : overrides.items()) claims[k] = v;
    return (with ? *with : key).sign(claims, signer_random);
  }
  oidc::HttpResponse jwks(const jose::SigningKey& k) {
    return {200, json{{"keys", {k.public_jwk()}}}.dump(), ""};
  }
  oidc::HttpResponse jwks() { return jwks(key); }
  static oidc::HttpResponse ok(const json& body) { return {200, body.dump(), ""}; }

  // Runs `op` to the end, serving scripted responses; returns the final step.
  Step run(Operation op) {
    while (!op.finished()) {
      const Step& s = op.step();
      if (s.kind == Step::Kind::Fetch) {
        seen.push_back({"fetch", s.request, ""});
        REQUIRE_MESSAGE(!responses.empty(), "unexpected fetch of " << s.request.url);
        auto r = responses.front();
        responses.pop_front();
        op.resume(r);
      } else if (s.kind == Step::Kind::Signature) {
        seen.push_back({"signature", {}, s.value["alg"].as_string()});
        op.resume(signature_answer ? *signature_answer : perform_signature(s.value));
      } else if (s.kind == Step::Kind::Digest) {
        // The browser hashes with WebCrypto; here mbedTLS does, as logto-crypto.mjs does.
        seen.push_back({"digest", {}, s.target});
        op.resume(
            digest_answer
                ? *digest_answer
                : oidc::HttpResponse{kDigestDone, base64url::encode(crypto::sha256(s.target)), ""});
      } else {
        seen.push_back({s.kind == Step::Kind::Lock ? "lock" : "navigate", {}, s.target});
        op.resume();
      }
    }
    return op.step();
  }
  json value(Operation op) {
    Step s = run(std::move(op));
    REQUIRE_MESSAGE(s.kind == Step::Kind::Done,
                    "operation failed: " << (s.error.ok() ? "" : s.error.error().what()));
    return json::parse(s.value.dump());  // the core's value, for nlohmann-style checks
  }
  Error failure(Operation op, const std::string& code) {
    Step s = run(std::move(op));
    REQUIRE_MESSAGE(s.kind == Step::Kind::Failed, "operation succeeded: " << s.value.dump());
    const Error& e = s.error.error();
    CHECK_MESSAGE(e.code() == code, e.code() << ": " << e.what());
    return e;
  }

  // signIn then handleSignInCallback, as the browser would see them.
  void sign_in_and_back(const std::string& refresh_token = "rt-1") {
    responses.push_back(ok(discovery_doc()));
    value(client.sign_in(logto::or_throw(parse_sign_in_options(kRedirect))));
    json session = json::parse(storage.session.at("logto:app1:signInSession"));
    responses.push_back(ok({{"access_token", "at-1"},
                            {"refresh_token", refresh_token},
                            {"id_token", id_token()},
                            {"scope", "openid offline_access profile"},
                            {"expires_in", 3600}}));
    responses.push_back(jwks());
    value(client.handle_sign_in_callback(
        kRedirect + "?code=code-1&state=" + url::form_encode(session["state"].get<std::string>())));
  }
};

}  // namespace

TEST_CASE("config: checked up front with messages that say what to pass") {
  auto e = test::expect_error(
      [] {
        logto::or_throw(parse_config({{"appId", "a"}}));
      },
      "invalid_config");
  CHECK(std::string(e.what()).find("`endpoint` is required") != std::string::npos);
  CHECK(e.error_class() == logto::ErrorClass::WasmError);
  test::expect_error(
      [] {
        logto::or_throw(parse_config({{"endpoint", kEndpoint}}));
      },
      "invalid_config");
  test::expect_error(
      [] {
        logto::or_throw(parse_config({{"endpoint", "nope"}, {"appId", "a"}}));
      },
      "invalid_config");
  test::expect_error(
      [] {
        logto::or_throw(parse_config({{"endpoint", kEndpoint}, {"appId", "a"}, {"scopes", "x"}}));
      },
      "invalid_config");
  auto c = logto::or_throw(parse_config({{"endpoint", kEndpoint},
                                         {"appId", "a"},
                                         {"scopes", {"email", "urn:logto:scope:organizations"}},
                                         {"prompt", "login"}}));
  CHECK(c.scopes == logto::List<std::string>{"openid", "offline_access", "profile", "email",
                                             "urn:logto:scope:organizations"});
  CHECK(c.resources == logto::List<std::string>{"urn:logto:resource:organizations"});
  CHECK(c.prompt == logto::List<std::string>{"login"});
  auto bare = logto::or_throw(
      parse_config({{"endpoint", kEndpoint}, {"appId", "a"}, {"includeReservedScopes", false}}));
  CHECK(bare.scopes.empty());
  CHECK(bare.prompt == logto::List<std::string>{"consent"});
}

TEST_CASE("config and sign-in options: a list field refused names itself and the shape it needs") {
  // Natively the message starts with the code's base message, as the page's does.
  auto message = [](const json& config) {
    auto e = test::expect_error([&] { logto::or_throw(parse_config(config)); }, "invalid_config");
    return std::string(e.what());
  };
  const std::string base = "Invalid LogtoClient config. ";
  const json minimal = {{"endpoint", kEndpoint}, {"appId", "a"}};
  auto with = [&](const char* key, const json& value) {
    json c = minimal;
    c[key] = value;
    return c;
  };
  // scopes and resources: arrays of strings only (a single string is refused, as @logto types it).
  CHECK(message(with("scopes", "email")) == base + "`scopes` must be an array of strings.");
  CHECK(message(with("scopes", {"email", 7})) == base + "`scopes` must be an array of strings.");
  CHECK(message(with("resources", {{"a", 1}})) ==
        base + "`resources` must be an array of strings.");
  // prompt: a string or an array of strings.
  CHECK(message(with("prompt", 7)) == base + "`prompt` must be a string or an array of strings.");
  CHECK(message(with("prompt", {"login", nullptr})) ==
        base + "`prompt` must be a string or an array of strings.");
  CHECK(logto::or_throw(parse_config(with("scopes", nullptr))).scopes ==
        logto::List<std::string>{"openid", "offline_access", "profile"});
  // signIn's identifiers, the same rule as prompt.
  auto e = test::expect_error(
      [] {
        logto::or_throw(parse_sign_in_options(
            json{{"redirectUri", kRedirect}, {"identifiers", {"email", false}}}));
      },
      "invalid_config");
  CHECK(std::string(e.what()) == base + "`identifiers` must be a string or an array of strings.");
  auto one = logto::or_throw(
      parse_sign_in_options(json{{"redirectUri", kRedirect}, {"identifiers", "email"}}));
  CHECK(one.identifiers == logto::List<std::string>{"email"});
}

TEST_CASE("client: sign-in, callback, cached and refreshed access token, user info, sign-out") {
  Harness h;
  CHECK(h.value(h.client.is_authenticated()) == false);

  // --- signIn: discovery, the verifier hashed by the host, then navigate; session saved,
  // tokens cleared.
  h.responses.push_back(Harness::ok(discovery_doc()));
  h.value(h.client.sign_in(logto::or_throw(parse_sign_in_options(kRedirect))));
  REQUIRE(h.seen.size() == 3);
  CHECK(h.seen[0].type == "fetch");
  CHECK(h.seen[0].request.method == "GET");
  CHECK(h.seen[0].request.url == kEndpoint + "/oidc/.well-known/openid-configuration");
  CHECK(h.seen[1].type == "digest");
  std::string hashed = h.seen[1].target;
  h.seen.erase(h.seen.begin() + 1);
  CHECK(h.seen[1].type == "navigate");
  json session = json::parse(h.storage.session.at("logto:app1:signInSession"));
  CHECK(session.size() == 3);  // postRedirectUri omitted, as JSON.stringify omits undefined
  CHECK(session["redirectUri"] == kRedirect);
  std::string verifier = session["codeVerifier"], state = session["state"];
  CHECK(pkce::is_valid_verifier(verifier));
  CHECK(hashed == verifier);
  const std::string& auth_url = h.seen[1].target;
  CHECK(auth_url.rfind(kIssuer + "/auth?client_id=app1&redirect_uri=", 0) == 0);
  auto query = url::parse_query(url::parse(auth_url)->query);
  CHECK(*url::get(query, "code_challenge") == logto::or_throw(pkce::code_challenge(verifier)));
  CHECK(*url::get(query, "state") == state);
  CHECK(*url::get(query, "scope") == "openid offline_access profile");
  CHECK(h.storage.writes == std::vector<std::string>{"set session logto:app1:signInSession",
                                                     "remove local logto:app1:refreshToken",
                                                     "remove local logto:app1:idToken",
                                                     "remove local logto:app1:accessToken"});

  // --- handleSignInCallback: token request, JWKS, verification, storage.
  CHECK(h.value(h.client.is_sign_in_redirected(kRedirect + "?code=x")) == true);
  CHECK(h.value(h.client.is_sign_in_redirected("http://localhost:3000/")) == false);
  h.seen.clear();
  h.storage.writes.clear();
  std::string id_token = h.id_token();
  h.responses.push_back(Harness::ok({{"access_token", "at-1"},
                                     {"refresh_token", "rt-1"},
                                     {"id_token", id_token},
                                     {"scope", "openid offline_access profile"},
                                     {"expires_in", 3600}}));
  h.responses.push_back(h.jwks());
  CHECK(h.value(h.client.handle_sign_in_callback(
            kRedirect + "?code=code-1&state=" + url::form_encode(state))) == nullptr);
  // Discovery is cached: token, JWKS, and the signature check the host performs.
  REQUIRE(h.seen.size() == 3);
  CHECK(h.seen[2].type == "signature");
  CHECK(h.seen[2].target == "ES384");
  CHECK(h.seen[0].request.method == "POST");
  CHECK(h.seen[0].request.url == kIssuer + "/token");
  CHECK(h.seen[0].request.headers ==
        decltype(h.seen[0].request.headers){{"Content-Type", "application/x-www-form-urlencoded"}});
  CHECK(h.seen[0].request.body ==
        "client_id=app1&code=code-1&code_verifier=" + verifier +
            "&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback&grant_type=authorization_code");
  CHECK(h.seen[1].request.url == kIssuer + "/jwks");
  // The token request names the JWKS the core will fetch next, so the page can start it early.
  CHECK(h.seen[0].request.prefetch == kIssuer + "/jwks");
  CHECK(json::parse(h.seen[0].request.to_text())["prefetch"] == kIssuer + "/jwks");
  CHECK(h.seen[1].request.prefetch.empty());
  CHECK(h.storage.writes == std::vector<std::string>{"set local logto:app1:refreshToken",
                                                     "set local logto:app1:idToken",
                                                     "set local logto:app1:accessToken",
                                                     "remove session logto:app1:signInSession"});
  CHECK(h.storage.local.at("logto:app1:idToken") == id_token);
  CHECK(h.storage.local.at("logto:app1:refreshToken") == "rt-1");
  CHECK(h.storage.local.at("logto:app1:accessToken") ==
        R"({"@":{"token":"at-1","scope":"openid offline_access profile","expiresAt":1700003600}})");
  CHECK(h.value(h.client.is_authenticated()) == true);
  CHECK(h.value(h.client.get_id_token_claims())["name"] == "Hanako");
  CHECK(h.value(h.client.get_refresh_token()) == "rt-1");

  // --- getAccessToken while cached: no effect at all.
  h.seen.clear();
  CHECK(h.value(h.client.get_access_token()) == "at-1");
  CHECK(h.seen.empty());

  // --- expired: lock, refresh with rotation and a new ID token (JWKS still cached).
  h.clock.ms += 3601'000;
  std::string id_token_2 = h.id_token({{"name", "Hanako 2"}});
  h.responses.push_back(Harness::ok({{"access_token", "at-2"},
                                     {"refresh_token", "rt-2"},
                                     {"id_token", id_token_2},
                                     {"scope", "openid"},
                                     {"expires_in", 3600}}));
  CHECK(h.value(h.client.get_access_token()) == "at-2");
  REQUIRE(h.seen.size() == 3);  // lock, token, signature
  CHECK(h.seen[2].type == "signature");
  CHECK(h.seen[0].type == "lock");
  CHECK(h.seen[0].target == "logto:app1:refresh");
  CHECK(h.seen[1].request.method == "POST");
  CHECK(h.seen[1].request.body == "client_id=app1&refresh_token=rt-1&grant_type=refresh_token");
  CHECK(h.seen[1].request.prefetch.empty());  // the JWKS is cached: nothing to start early
  CHECK(json::parse(h.seen[1].request.to_text()).count("prefetch") == 0);
  CHECK(h.storage.local.at("logto:app1:refreshToken") == "rt-2");
  CHECK(h.storage.local.at("logto:app1:idToken") == id_token_2);
  CHECK(json::parse(h.storage.local.at("logto:app1:accessToken"))["@"]["expiresAt"] ==
        1700003601 + 3600);

  // --- a resource token is a separate map entry, fetched with resource=.
  h.seen.clear();
  h.responses.push_back(
      Harness::ok({{"access_token", "api-at"}, {"scope", "read"}, {"expires_in", 60}}));
  CHECK(h.value(h.client.get_access_token("https://api.example")) == "api-at");
  CHECK(h.seen[1].request.body ==
        "client_id=app1&refresh_token=rt-2&grant_type=refresh_token&resource=https%3A%2F%2Fapi."
        "example");
  auto map = json::parse(h.storage.local.at("logto:app1:accessToken"));
  CHECK(map.contains("@"));
  CHECK(map["@https://api.example"]["token"] == "api-at");
  CHECK(h.storage.local.at("logto:app1:refreshToken") == "rt-2");  // not rotated: kept

  // --- fetchUserInfo: Bearer access token to the userinfo endpoint.
  h.seen.clear();
  h.responses.push_back(Harness::ok({{"sub", "user-1"}, {"phone_number", "+81..."}}));
  CHECK(h.value(h.client.fetch_user_info())["sub"] == "user-1");
  REQUIRE(h.seen.size() == 1);
  CHECK(h.seen[0].request.url == kIssuer + "/me");
  CHECK(h.seen[0].request.headers ==
        decltype(h.seen[0].request.headers){{"Authorization", "Bearer at-2"}});

  // --- signOut: revoke the refresh token, clear storage, navigate to end session.
  h.seen.clear();
  h.storage.writes.clear();
  h.responses.push_back({200, "", ""});
  h.value(h.client.sign_out("http://localhost:3000"));
  REQUIRE(h.seen.size() == 2);
  CHECK(h.seen[0].request.url == kIssuer + "/token/revocation");
  CHECK(h.seen[0].request.body == "client_id=app1&token=rt-2");
  CHECK(h.seen[1].type == "navigate");
  CHECK(h.seen[1].target == kIssuer +
                                "/session/end?client_id=app1&post_logout_redirect_uri=http%3A%2F%"
                                "2Flocalhost%3A3000");
  CHECK(h.storage.local.empty());
  CHECK(h.storage.writes == std::vector<std::string>{"remove local logto:app1:refreshToken",
                                                     "remove local logto:app1:idToken",
                                                     "remove local logto:app1:accessToken"});
  h.failure(h.client.get_access_token(), "not_authenticated");
}

TEST_CASE("client: answers the page may repeat carry a memo of what they depend on") {
  Harness h;
  Step signed_out = h.run(h.client.is_authenticated());
  CHECK(json::parse(signed_out.memo.dump()) ==
        json{{"present", json::array({json::array({"logto:app1:idToken", false})})}});
  h.sign_in_and_back();
  const std::string id_token = h.storage.local.at("logto:app1:idToken");
  Step token = h.run(h.client.get_access_token());
  REQUIRE(token.kind == Step::Kind::Done);
  CHECK(
      json::parse(token.memo.dump()) ==
      json{{"validUntil", 1700003600},
           {"reads", json::array({json::array({"logto:app1:idToken", id_token}),
                                  json::array({"logto:app1:accessToken",
                                               h.storage.local.at("logto:app1:accessToken")})})}});
  // After a refresh, the memo describes storage as the refresh left it.
  h.clock.ms += 3601'000;
  h.responses.push_back(
      Harness::ok({{"access_token", "at-2"}, {"refresh_token", "rt-2"}, {"expires_in", 60}}));
  Step refreshed = h.run(h.client.get_access_token());
  CHECK(refreshed.value == "at-2");
  CHECK(refreshed.memo["validUntil"] == Json(1700003601.0 + 60));
  CHECK(refreshed.memo["reads"][1][1].as_string() == h.storage.local.at("logto:app1:accessToken"));
  // Failures and other answers carry none.
  CHECK(h.run(h.client.get_refresh_token()).memo.is_null());
}

TEST_CASE("client: postRedirectUri navigates after the callback") {
  Harness h;
  h.responses.push_back(Harness::ok(discovery_doc()));
  h.value(h.client.sign_in(logto::or_throw(parse_sign_in_options(
      {{"redirectUri", kRedirect}, {"postRedirectUri", "http://localhost:3000/home"}}))));
  json session = json::parse(h.storage.session.at("logto:app1:signInSession"));
  CHECK(session.dump() == json::parse(session.dump()).dump());
  CHECK(h.storage.session.at("logto:app1:signInSession").find("\"postRedirectUri\"") <
        h.storage.session.at("logto:app1:signInSession").find("\"codeVerifier\""));
  h.seen.clear();
  h.responses.push_back(Harness::ok(
      {{"access_token", "a"}, {"id_token", h.id_token()}, {"scope", ""}, {"expires_in", 10}}));
  h.responses.push_back(h.jwks());
  h.value(h.client.handle_sign_in_callback(
      kRedirect + "?code=c&state=" + url::form_encode(session["state"].get<std::string>())));
  CHECK(h.seen.back().type == "navigate");
  CHECK(h.seen.back().target == "http://localhost:3000/home");
  CHECK_FALSE(h.storage.local.count("logto:app1:refreshToken"));  // none issued, none stored
}

TEST_CASE("client: callback failures store nothing") {
  Harness h;
  auto e = h.failure(h.client.handle_sign_in_callback(kRedirect + "?code=c&state=s"),
                     "sign_in_session.not_found");
  CHECK(e.error_class() == ErrorClass::LogtoClientError);

  h.storage.session["logto:app1:signInSession"] = R"({"redirectUri":1})";
  h.failure(h.client.handle_sign_in_callback(kRedirect + "?code=c&state=s"),
            "sign_in_session.invalid");

  // An ID token for another audience is refused before anything is written.
  h.storage.session["logto:app1:signInSession"] = R"({"redirectUri":")" + kRedirect +
                                                  R"(","codeVerifier":")" + std::string(43, 'v') +
                                                  R"(","state":"s"})";
  h.responses.push_back(Harness::ok(discovery_doc()));
  h.responses.push_back(Harness::ok({{"access_token", "a"},
                                     {"refresh_token", "r"},
                                     {"id_token", h.id_token({{"aud", "someone-else"}})},
                                     {"expires_in", 10}}));
  h.responses.push_back(h.jwks());
  h.storage.writes.clear();
  h.failure(h.client.handle_sign_in_callback(kRedirect + "?code=c&state=s"),
            "id_token.invalid_token");
  CHECK(h.storage.writes.empty());
  CHECK(h.storage.session.count("logto:app1:signInSession") == 1);  // can be retried

  // The provider's error in the callback URL.
  auto err = h.failure(h.client.handle_sign_in_callback(kRedirect + "?error=access_denied&state=s"),
                       "callback_uri_verification.error_found");
  CHECK(err.data()["error"] == "access_denied");

  // The token endpoint's errors are typed as @logto/browser types them: an OAuth body is
  // unexpected_response_error with the body as data; Logto's {code, message} a request error.
  h.responses.push_back(
      {400, R"({"error":"invalid_grant","error_description":"code reused"})", ""});
  auto oauth = h.failure(h.client.handle_sign_in_callback(kRedirect + "?code=c&state=s"),
                         "unexpected_response_error");
  CHECK(oauth.data()["error_description"] == "code reused");
  h.responses.push_back(
      {400, R"({"code":"oidc.invalid_grant","message":"Grant is invalid."})", ""});
  auto req = h.failure(h.client.handle_sign_in_callback(kRedirect + "?code=c&state=s"),
                       "oidc.invalid_grant");
  CHECK(req.error_class() == ErrorClass::LogtoRequestError);
  CHECK(req.status() == 400);
  CHECK(h.storage.session.count("logto:app1:signInSession") == 1);
}

TEST_CASE("client: a sign-in response from another issuer is refused before its code is used") {
  json advertising = discovery_doc();
  advertising["authorization_response_iss_parameter_supported"] = true;
  for (const char* callback :
       {"?code=c&state=s&iss=https%3A%2F%2Fevil.example", "?code=c&state=s"}) {
    CAPTURE(callback);
    Harness h;
    h.storage.session["logto:app1:signInSession"] = R"({"redirectUri":")" + kRedirect +
                                                    R"(","codeVerifier":")" + std::string(43, 'v') +
                                                    R"(","state":"s"})";
    h.responses.push_back(Harness::ok(advertising));
    auto e = h.failure(h.client.handle_sign_in_callback(kRedirect + callback),
                       std::string(callback).find("iss=") != std::string::npos
                           ? "callback_uri_verification.issuer_mismatched"
                           : "callback_uri_verification.missing_issuer");
    CHECK(e.error_class() == ErrorClass::WasmError);
    REQUIRE(h.seen.size() == 1);  // discovery only: no token request
    CHECK(h.storage.local.empty());
  }
  // Not advertised: a differing iss is still refused; the right one signs in.
  Harness h;
  h.storage.session["logto:app1:signInSession"] = R"({"redirectUri":")" + kRedirect +
                                                  R"(","codeVerifier":")" + std::string(43, 'v') +
                                                  R"(","state":"s"})";
  h.responses.push_back(Harness::ok(discovery_doc()));
  h.failure(h.client.handle_sign_in_callback(kRedirect + "?code=c&state=s&iss=https%3A%2F%2Fevil"),
            "callback_uri_verification.issuer_mismatched");
  h.responses.push_back(
      Harness::ok({{"access_token", "a"}, {"id_token", h.id_token()}, {"expires_in", 10}}));
  h.responses.push_back(h.jwks());
  h.value(h.client.handle_sign_in_callback(kRedirect +
                                           "?code=c&state=s&iss=" + url::form_encode(kIssuer)));
  CHECK(h.storage.local.count("logto:app1:idToken") == 1);
}

TEST_CASE("client: a refresh on a page that has no JWKS yet names it for an early start") {
  Harness h;
  h.sign_in_and_back();
  // The next page: a new client over the same storage, with nothing fetched.
  Client next(logto::or_throw(parse_config({{"endpoint", kEndpoint}, {"appId", "app1"}})),
              h.storage, h.clock, h.random);
  h.clock.ms += 3601'000;
  h.seen.clear();
  h.responses.push_back(Harness::ok(discovery_doc()));
  h.responses.push_back(Harness::ok({{"access_token", "at-2"},
                                     {"refresh_token", "rt-2"},
                                     {"id_token", h.id_token()},
                                     {"expires_in", 3600}}));
  h.responses.push_back(h.jwks());
  CHECK(h.value(next.get_access_token()) == "at-2");
  REQUIRE(h.seen.size() == 5);  // lock, discovery, token, JWKS, signature
  CHECK(h.seen[2].request.url == kIssuer + "/token");
  CHECK(h.seen[2].request.prefetch == kIssuer + "/jwks");
  CHECK(h.seen[3].request.url == kIssuer + "/jwks");
}

TEST_CASE("client: a refresh whose ID token names another user signs the session out") {
  for (const auto& change :
       std::vector<std::pair<const char*, json>>{{"sub", "mallory"}, {"aud", {"app1", "app2"}}}) {
    const char* claim = change.first;
    const json& value = change.second;
    CAPTURE(claim);
    Harness h;
    h.sign_in_and_back();
    h.clock.ms += 3601'000;
    h.responses.push_back(Harness::ok({{"access_token", "mallory-at"},
                                       {"refresh_token", "mallory-rt"},
                                       {"id_token", h.id_token({{claim, value}})},
                                       {"expires_in", 60}}));
    auto e = h.failure(h.client.get_access_token(), "id_token.invalid_token");
    CHECK(e.data()["reason"] == "identity_changed");
    CHECK(e.data()["claim"] == claim);
    CHECK(json::parse(e.data()["found"].dump()) == value);
    CHECK(h.storage.local.empty());  // nothing of mallory's, and Alice's session is over
    CHECK(h.value(h.client.is_authenticated()) == false);
  }
}

TEST_CASE("client: a refresh whose ID token fails verification stores nothing") {
  Harness h;
  h.sign_in_and_back();
  auto before = h.storage.local;
  h.clock.ms += 3601'000;
  test::SeededRandom r(77);
  auto forger = jose::SigningKey::generate("ES384", "key-1", r);  // same kid, other key
  h.responses.push_back(Harness::ok({{"access_token", "forged-at"},
                                     {"refresh_token", "forged-rt"},
                                     {"id_token", h.id_token({}, &forger)},
                                     {"expires_in", 60}}));
  auto e = h.failure(h.client.get_access_token(), "id_token.invalid_token");
  CHECK(e.data()["reason"] == "signature_invalid");
  CHECK(h.storage.local == before);
  // Same for an expired one.
  h.responses.push_back(Harness::ok({{"access_token", "old-at"},
                                     {"id_token", h.id_token({{"exp", h.now() - 400}})},
                                     {"expires_in", 60}}));
  auto x = h.failure(h.client.get_access_token(), "id_token.invalid_token");
  CHECK(x.data()["reason"] == "expired");
  CHECK(h.storage.local == before);
}

TEST_CASE("client: the host's signature verdict decides, and a key it cannot use is named") {
  Harness h;
  h.responses.push_back(Harness::ok(discovery_doc()));
  h.value(h.client.sign_in(logto::or_throw(parse_sign_in_options(kRedirect))));
  json session = json::parse(h.storage.session.at("logto:app1:signInSession"));
  std::string callback =
      kRedirect + "?code=c&state=" + url::form_encode(session["state"].get<std::string>());
  auto tokens = [&] {
    h.responses.push_back(
        Harness::ok({{"access_token", "a"}, {"id_token", h.id_token()}, {"expires_in", 10}}));
  };
  // A correctly signed token that the host reports invalid is refused.
  h.signature_answer = oidc::HttpResponse{kSignatureInvalid, ""};
  tokens();
  h.responses.push_back(h.jwks());
  auto e = h.failure(h.client.handle_sign_in_callback(callback), "id_token.invalid_token");
  CHECK(e.data()["reason"] == "signature_invalid");
  // WebCrypto refusing the key (a point off its curve, say): key_unusable with its reason.
  h.signature_answer = oidc::HttpResponse{kKeyUnusable, "", "", "Invalid keyData"};
  tokens();
  e = h.failure(h.client.handle_sign_in_callback(callback), "id_token.invalid_token");
  CHECK(e.data()["reason"] == "key_unusable");
  CHECK(e.message().find("Invalid keyData") != std::string::npos);
  CHECK(h.storage.local.empty());
  // The signature step carries what WebCrypto needs and nothing else.
  h.signature_answer.reset();
  tokens();
  Operation op = h.client.handle_sign_in_callback(callback);
  op.resume(h.responses.front());
  REQUIRE(op.step().kind == Step::Kind::Signature);
  json check = json::parse(op.step().value.dump());
  CHECK(check["alg"] == "ES384");
  CHECK(check["jwk"].size() == 4);
  CHECK(check["jwk"]["kty"] == "EC");
  CHECK(check["jwk"]["crv"] == "P-384");
  CHECK(check["data"].get<std::string>().find('.') != std::string::npos);
  CHECK(!check["signature"].get<std::string>().empty());
}

TEST_CASE("client: unknown kid refetches the JWKS once (key rotation), then fails") {
  Harness h;
  h.sign_in_and_back();
  test::SeededRandom r(5);
  auto rotated = jose::SigningKey::generate("ES384", "key-2", r);

  // Rotation: the cached JWKS lacks key-2; one refetch finds it.
  h.clock.ms += 3601'000;
  h.seen.clear();
  h.responses.push_back(Harness::ok(
      {{"access_token", "a2"}, {"id_token", h.id_token({}, &rotated)}, {"expires_in", 60}}));
  h.responses.push_back(h.jwks(rotated));
  CHECK(h.value(h.client.get_access_token()) == "a2");
  CHECK(h.seen[h.seen.size() - 2].request.url == kIssuer + "/jwks");
  CHECK(h.seen.back().type == "signature");

  // A kid that is nowhere: one refetch, then id_token.invalid_token naming the kid.
  auto stranger = jose::SigningKey::generate("ES384", "key-x", r);
  h.clock.ms += 61'000;
  h.seen.clear();
  h.responses.push_back(Harness::ok(
      {{"access_token", "a3"}, {"id_token", h.id_token({}, &stranger)}, {"expires_in", 60}}));
  h.responses.push_back(h.jwks(rotated));
  auto e = h.failure(h.client.get_access_token(), "id_token.invalid_token");
  CHECK(std::string(e.what()).find("No key with kid \"key-x\"") != std::string::npos);
  CHECK(h.seen.size() == 3);  // lock, token, one JWKS refetch
}

TEST_CASE("client: a refresh answered invalid_grant clears tokens, with @logto's error") {
  Harness h;
  h.sign_in_and_back();
  h.clock.ms += 3601'000;
  h.responses.push_back(
      {400, R"({"error":"invalid_grant","error_description":"grant revoked"})", ""});
  auto e = h.failure(h.client.get_access_token(), "unexpected_response_error");
  CHECK(e.data()["error_description"] == "grant revoked");
  CHECK(h.storage.local.empty());
  CHECK(h.value(h.client.is_authenticated()) == false);
  // Logto's own body shape: LogtoRequestError oidc.invalid_grant, and the same clearing.
  Harness l;
  l.sign_in_and_back();
  l.clock.ms += 3601'000;
  l.responses.push_back({400, R"({"code":"oidc.invalid_grant","message":"Grant revoked."})", ""});
  auto le = l.failure(l.client.get_access_token(), "oidc.invalid_grant");
  CHECK(le.error_class() == ErrorClass::LogtoRequestError);
  CHECK(l.storage.local.empty());
  // Another OAuth error (a provider outage answered as invalid_request) keeps the tokens.
  Harness k;
  k.sign_in_and_back();
  k.clock.ms += 3601'000;
  k.responses.push_back({400, R"({"error":"invalid_request"})", ""});
  k.failure(k.client.get_access_token(), "unexpected_response_error");
  CHECK(k.storage.local.count("logto:app1:refreshToken") == 1);

  // Other failures keep the tokens: a flaky network must not sign the user out.
  Harness g;
  g.sign_in_and_back();
  g.clock.ms += 3601'000;
  g.responses.push_back({0, "", "Failed to fetch"});
  auto n = g.failure(g.client.get_access_token(), "network_error");
  CHECK(n.error_class() == ErrorClass::NetworkError);
  CHECK(g.storage.local.count("logto:app1:refreshToken") == 1);
}

TEST_CASE(
    "client: invalid_grant after another tab rotated the token under us: its tokens are used") {
  // The other tab's writes arrive after our read of the refresh token (browsers deliver
  // localStorage changes across tabs a moment late): the refresh we sent is refused.
  Harness h;
  h.sign_in_and_back();
  h.clock.ms += 3601'000;
  Operation op = h.client.get_access_token();
  REQUIRE(op.step().kind == Step::Kind::Lock);
  op.resume();
  REQUIRE(op.step().kind == Step::Kind::Fetch);
  CHECK(op.step().request.body.find("refresh_token=rt-1") != std::string::npos);
  h.storage.local["logto:app1:refreshToken"] = "rt-2";
  h.storage.local["logto:app1:accessToken"] =
      R"({"@":{"token":"from-other-tab","scope":"","expiresAt":9999999999}})";
  op.resume({400, R"({"error":"invalid_grant"})", ""});
  REQUIRE(op.step().kind == Step::Kind::Done);
  CHECK(op.step().value == "from-other-tab");
  CHECK(h.storage.local.at("logto:app1:refreshToken") == "rt-2");  // nothing cleared

  // Rotated, but no fresh access token visible yet: one retry with the new refresh token.
  Harness g;
  g.sign_in_and_back();
  g.clock.ms += 3601'000;
  Operation again = g.client.get_access_token();
  again.resume();
  g.storage.local["logto:app1:refreshToken"] = "rt-2";
  again.resume({400, R"({"error":"invalid_grant"})", ""});
  REQUIRE(again.step().kind == Step::Kind::Fetch);
  CHECK(again.step().request.body.find("refresh_token=rt-2") != std::string::npos);
  // Refused too: that is a dead grant, and only then are the tokens cleared.
  again.resume({400, R"({"error":"invalid_grant"})", ""});
  REQUIRE(again.step().kind == Step::Kind::Failed);
  CHECK(g.storage.local.empty());
}

TEST_CASE("client: a token another tab stored while we waited for the lock is used as is") {
  Harness h;
  h.sign_in_and_back();
  h.clock.ms += 3601'000;
  Operation op = h.client.get_access_token();
  REQUIRE(op.step().kind == Step::Kind::Lock);
  // The other tab refreshed meanwhile and wrote a fresh map.
  h.storage.local["logto:app1:accessToken"] =
      R"({"@":{"token":"from-other-tab","scope":"","expiresAt":9999999999}})";
  op.resume();
  REQUIRE(op.step().kind == Step::Kind::Done);
  CHECK(op.step().value == "from-other-tab");
}

TEST_CASE("client: discovery failures are retried by the next call") {
  Harness h;
  h.responses.push_back({500, "oops", ""});
  auto e = h.failure(h.client.get_oidc_config(), "http_error_500");
  CHECK(std::string(e.what()) == "oops");
  h.responses.push_back(Harness::ok(discovery_doc()));
  CHECK(h.value(h.client.get_oidc_config())["tokenEndpoint"] == kIssuer + "/token");
  h.seen.clear();
  CHECK(h.value(h.client.get_oidc_config())["jwksUri"] == kIssuer + "/jwks");
  CHECK(h.seen.empty());  // cached after success
  json broken = discovery_doc();
  broken.erase("jwks_uri");
  Harness g;
  g.responses.push_back(Harness::ok(broken));
  auto bad = g.failure(g.client.get_oidc_config(), "unexpected_response_error");
  CHECK(bad.data()["reason"] == "oidc_config.invalid");
}

TEST_CASE("client: a provider without revocation or end-session endpoints still signs out") {
  Harness h;
  h.sign_in_and_back();
  json doc = discovery_doc();
  doc.erase("revocation_endpoint");
  doc.erase("end_session_endpoint");
  doc.erase("userinfo_endpoint");
  Harness g;
  g.responses.push_back(Harness::ok(doc));
  g.storage.local = h.storage.local;
  auto e = g.failure(g.client.fetch_user_info(), "unexpected_response_error");
  CHECK(e.message().find("userinfo_endpoint") != std::string::npos);
  g.seen.clear();
  g.value(g.client.sign_out(kRedirect));
  // No revocation request; the local session ends and the page goes where it asked to.
  REQUIRE(g.seen.size() == 1);
  CHECK(g.seen[0].type == "navigate");
  CHECK(g.seen[0].target == kRedirect);
  CHECK(g.storage.local.empty());
  g.storage.local = h.storage.local;
  g.seen.clear();
  g.value(g.client.sign_out());
  CHECK(g.seen.empty());
  CHECK(g.storage.local.empty());

  // Only revocation missing: the provider's session is ended, without a revocation request.
  json no_revocation = discovery_doc();
  no_revocation.erase("revocation_endpoint");
  Harness r;
  r.responses.push_back(Harness::ok(no_revocation));
  r.storage.local = h.storage.local;
  r.value(r.client.sign_out());
  REQUIRE(r.seen.size() == 2);  // discovery, then the navigation
  CHECK(r.seen[1].target == kIssuer + "/session/end?client_id=app1");
  CHECK(r.storage.local.empty());
}

TEST_CASE("client: setJwtVerifier hands ID tokens to the page's verifier") {
  Harness h;
  REQUIRE(h.value(h.client.use_external_id_token_verifier(true)).is_null());
  h.responses.push_back(Harness::ok(discovery_doc()));
  h.value(h.client.sign_in(logto::or_throw(parse_sign_in_options(kRedirect))));
  json session = json::parse(h.storage.session.at("logto:app1:signInSession"));
  // A token the core would refuse (wrong issuer): the page's verifier decides, as in @logto.
  std::string token = h.id_token(json{{"iss", "https://elsewhere"}});
  h.responses.push_back(Harness::ok({{"access_token", "at-1"},
                                     {"refresh_token", "rt-1"},
                                     {"id_token", token},
                                     {"expires_in", 3600}}));
  Operation op = h.client.handle_sign_in_callback(
      kRedirect + "?code=c&state=" + url::form_encode(session["state"].get<std::string>()));
  REQUIRE(op.step().kind == Step::Kind::Fetch);
  CHECK(op.step().request.prefetch.empty());  // the page checks ID tokens: no JWKS to fetch
  op.resume(h.responses.front());             // the token request
  h.responses.clear();
  REQUIRE(op.step().kind == Step::Kind::Verify);
  CHECK(op.step().target == token);
  CHECK(op.step().to_text(7).find("\"type\":\"verify\",\"idToken\":\"" + token) !=
        std::string::npos);
  CHECK(h.storage.local.count("logto:app1:idToken") == 0);  // nothing stored before it accepts
  op.resume();
  REQUIRE(op.step().kind == Step::Kind::Done);
  CHECK(h.storage.local.at("logto:app1:idToken") == token);

  // The core's own checks stay available (the default verifier), and refuse that token.
  h.responses.push_back(h.jwks());
  auto e = h.failure(h.client.check_id_token_with_core(token), "id_token.invalid_token");
  CHECK(e.message().find("https://elsewhere") != std::string::npos);
  // Back to the core: no verify step any more.
  h.value(h.client.use_external_id_token_verifier(false));
  h.value(h.client.check_id_token_with_core(h.id_token()));
}

TEST_CASE("client: sign-out goes on when revocation fails") {
  Harness h;
  h.sign_in_and_back();
  h.seen.clear();
  h.responses.push_back({0, "", "Failed to fetch"});
  h.value(h.client.sign_out());
  CHECK(h.seen.back().type == "navigate");
  CHECK(h.seen.back().target == kIssuer + "/session/end?client_id=app1");
  CHECK(h.storage.local.empty());
}

TEST_CASE("client: organization tokens need the organizations scope") {
  Harness h;
  h.sign_in_and_back();
  auto e = h.failure(h.client.get_organization_token("org1"), "missing_scope_organizations");
  CHECK(std::string(e.what()).find("urn:logto:scope:organizations") != std::string::npos);

  Harness o(
      {{"endpoint", kEndpoint}, {"appId", "app1"}, {"scopes", {"urn:logto:scope:organizations"}}});
  o.sign_in_and_back();
  o.seen.clear();
  o.responses.push_back(Harness::ok({{"access_token", "x.eyJvcmdhbml6YXRpb25faWQiOiJvcmcxIn0.y"},
                                     {"scope", ""},
                                     {"expires_in", 60}}));
  CHECK(o.value(o.client.get_organization_token_claims("org1"))["organization_id"] == "org1");
  CHECK(o.seen[1].request.body ==
        "client_id=app1&refresh_token=rt-1&grant_type=refresh_token&organization_id=org1");
  CHECK(json::parse(o.storage.local.at("logto:app1:accessToken")).contains("@#org1"));
}

TEST_CASE("client: reads what @logto/browser stored, and refuses a bad sign-in session") {
  Harness h;
  // Written by @logto/browser: expiresAt from Date.now()/1000 may carry a fraction.
  h.storage.local["logto:app1:idToken"] = h.id_token();
  h.storage.local["logto:app1:refreshToken"] = "rt";
  h.storage.local["logto:app1:accessToken"] =
      R"({"@":{"token":"legacy","scope":"openid","expiresAt":1700000100.25}})";
  CHECK(h.value(h.client.get_access_token()) == "legacy");
  // @logto/browser 1.x session key.
  h.storage.session["logto:app1"] =
      R"({"redirectUri":")" + kRedirect + R"(","codeVerifier":"v","state":"s"})";
  CHECK(h.value(h.client.is_sign_in_redirected(kRedirect)) == true);
  // A map entry of the wrong shape voids the map (as @logto does): a refresh follows.
  h.storage.local["logto:app1:accessToken"] = R"({"@":{"token":1}})";
  h.responses.push_back(Harness::ok(discovery_doc()));
  h.responses.push_back(Harness::ok({{"access_token", "fresh"}, {"expires_in", 60}}));
  CHECK(h.value(h.client.get_access_token()) == "fresh");
}

TEST_CASE("client: a storage write failure is a typed error, not a crash") {
  Harness h;
  h.storage.fail_writes = true;
  h.responses.push_back(Harness::ok(discovery_doc()));
  auto e = h.failure(h.client.sign_in(logto::or_throw(parse_sign_in_options(kRedirect))),
                     "storage_unavailable");
  CHECK(std::string(e.what()).find("logto:app1:signInSession") != std::string::npos);
  CHECK(e.error_class() == ErrorClass::WasmError);  // ours, outside Logto's code unions
  CHECK(std::string(e.what()).find("QuotaExceededError") != std::string::npos);
}

TEST_CASE("client: a refused session write keeps the tokens and does not navigate") {
  Harness h;
  h.sign_in_and_back();
  h.storage.fail_writes = true;
  h.seen.clear();  // discovery is cached: the step that fails is the first one
  h.failure(h.client.sign_in(logto::or_throw(parse_sign_in_options(kRedirect))),
            "storage_unavailable");
  CHECK(h.storage.local.count("logto:app1:idToken") == 1);
  CHECK(h.storage.local.count("logto:app1:refreshToken") == 1);
  // The digest step comes first, then nothing: no navigation to the provider.
  REQUIRE(h.seen.size() == 1);
  CHECK(h.seen[0].type == "digest");
}

TEST_CASE("client: a SHA-256 answer that is not 32 bytes of base64url ends sign-in unsaved") {
  for (const auto& answer :
       {oidc::HttpResponse{kDigestDone, "", ""}, oidc::HttpResponse{kDigestDone, "abc", ""},
        oidc::HttpResponse{kDigestDone, std::string(43, '!'), ""},
        oidc::HttpResponse{kDigestDone, base64url::encode(std::string(31, 'x')), ""},
        oidc::HttpResponse{0, base64url::encode(std::string(32, 'x')), "failed"}}) {
    Harness h;
    h.sign_in_and_back();
    h.seen.clear();
    h.storage.writes.clear();
    h.digest_answer = answer;
    auto e = h.failure(h.client.sign_in(logto::or_throw(parse_sign_in_options(kRedirect))),
                       "internal_error");
    CHECK(e.error_class() == ErrorClass::WasmError);
    CHECK(e.message() == "Internal SDK error. The SHA-256 of the PKCE verifier came back as \"" +
                             (answer.status == kDigestDone ? answer.body : "") +
                             "\", not 32 bytes in base64url.");
    CHECK(json::parse(e.data().dump())["reason"] == "digest.invalid");
    CHECK(h.storage.writes.empty());  // no session saved, no tokens cleared
    REQUIRE(h.seen.size() == 1);      // no navigation after the digest step
    CHECK(h.seen[0].type == "digest");
  }
}

TEST_CASE("client: a refused read ends the operation with the storage error") {
  Harness h;
  h.sign_in_and_back();
  h.storage.fail_reads = true;
  auto e = h.failure(h.client.is_authenticated(), "storage_unavailable");
  CHECK(e.message().find("logto:app1:idToken") != std::string::npos);
  CHECK(e.message().find("SecurityError") != std::string::npos);
  h.storage.fail_reads = false;
  CHECK(h.value(h.client.is_authenticated()) == true);
}

TEST_CASE("client: getIdTokenClaims and access-token claims") {
  Harness h;
  auto e = h.failure(h.client.get_id_token_claims(), "not_authenticated");
  CHECK(e.data() == "ID token not found");
  h.storage.local["logto:app1:idToken"] = "a.eyJzdWIiOiJ4In0.c";  // no iss/aud/exp
  h.failure(h.client.get_id_token_claims(), "id_token.invalid_token");
  CHECK(logto::or_throw(decode_access_token("opaque-token")) == json::object());
  CHECK(logto::or_throw(decode_access_token("a.eyJzY29wZSI6InJlYWQifQ.b"))["scope"] == "read");
  test::expect_error([] { logto::or_throw(decode_access_token("a.!!.b")); },
                     "unexpected_response_error");
}

TEST_CASE("signIn options: string and object forms") {
  auto o = logto::or_throw(parse_sign_in_options(kRedirect, "signUp", "+8190"));
  CHECK(o.interaction_mode == "signUp");
  CHECK(o.login_hint == "+8190");
  o = logto::or_throw(
      parse_sign_in_options({{"redirectUri", kRedirect},
                             {"prompt", {"login"}},
                             {"clearTokens", false},
                             {"identifiers", {"phone"}},
                             {"directSignIn", {{"method", "social"}, {"target", "google"}}},
                             {"extraParams", {{"ui_locales", "ja"}}}}));
  CHECK(o.prompt == logto::List<std::string>{"login"});
  CHECK_FALSE(o.clear_tokens);
  CHECK(o.direct_sign_in->target == "google");
  CHECK(o.extra_params == url::Params{{"ui_locales", "ja"}});
  test::expect_error([] { logto::or_throw(parse_sign_in_options(json::object())); },
                     "invalid_config");

  // clearTokens: false keeps a signed-in user's tokens during a new sign-in.
  Harness h;
  h.sign_in_and_back();
  h.responses.clear();
  h.value(h.client.sign_in(o));
  CHECK(h.storage.local.count("logto:app1:idToken") == 1);
}

TEST_CASE("steps as JSON text: what the bindings hand to JavaScript") {
  oidc::HttpRequest request =
      oidc::form_post("https://id.example/token", url::serialize({{"a", "b c"}}));
  json fetch_step = json::parse(logto::fetch(std::move(request), [](const oidc::HttpResponse&) {
                                  return done();
                                }).to_text(7));
  CHECK(fetch_step == json{{"op", 7},
                           {"type", "fetch"},
                           {"request",
                            {{"method", "POST"},
                             {"url", "https://id.example/token"},
                             {"headers", {{"Content-Type", "application/x-www-form-urlencoded"}}},
                             {"body", "a=b+c"}}}});
  json done_step = json::parse(done(Json{{"x", "\"quoted\""}}).to_text(2));
  CHECK(done_step == json{{"op", 2}, {"type", "done"}, {"value", {{"x", "\"quoted\""}}}});
  json failed_step = json::parse(
      failed(request_error("oidc.invalid_grant", "gone", 400, Json{{"error", "invalid_grant"}}))
          .to_text(3));
  CHECK(failed_step == json{{"op", 3},
                            {"type", "failed"},
                            {"error",
                             {{"class", "LogtoRequestError"},
                              {"code", "oidc.invalid_grant"},
                              {"message", "gone"},
                              {"data", {{"error", "invalid_grant"}}},
                              {"status", 400}}}});
  CHECK(json::parse(navigate("https://x/?a=1", [] { return done(); }).to_text(4)) ==
        json{{"op", 4}, {"type", "navigate"}, {"url", "https://x/?a=1"}});
}
