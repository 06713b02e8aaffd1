#include "logto/client/client.hpp"

#include "logto/encoding/json.hpp"
#include "logto/errors.hpp"
#include "logto/jose/jws.hpp"
#include "logto/oidc/callback.hpp"
#include "logto/oidc/id_token.hpp"
#include "logto/oidc/token_requests.hpp"
#include "logto/pkce/pkce.hpp"

#include <algorithm>
#include <cmath>

namespace logto {
namespace {

std::string optional_string(const nlohmann::json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return "";
  if (!it->is_string()) {
    throw client_error("invalid_config", std::string("`") + key + "` must be a string.");
  }
  return it->get<std::string>();
}

// An ID token's claims, checked for the types @logto/js asserts before returning them.
nlohmann::json checked_id_token_claims(const std::string& token) {
  nlohmann::json claims = jose::decode_payload(token);
  for (const char* k : {"iss", "sub", "aud"}) {
    if (!claims.contains(k) || !claims[k].is_string()) {
      if (std::string(k) == "aud" && claims.contains(k) && claims[k].is_array()) continue;
      throw logto_error("id_token.invalid_token",
                        std::string("The stored ID token has no string \"") + k + "\".");
    }
  }
  for (const char* k : {"exp", "iat"}) {
    if (!claims.contains(k) || !claims[k].is_number()) {
      throw logto_error("id_token.invalid_token",
                        std::string("The stored ID token has no numeric \"") + k + "\".");
    }
  }
  return claims;
}

}  // namespace

SignInOptions parse_sign_in_options(const nlohmann::json& options,
                                    const nlohmann::json& interaction_mode,
                                    const nlohmann::json& login_hint) {
  SignInOptions o;
  if (options.is_string()) {
    o.redirect_uri = options.get<std::string>();
    if (interaction_mode.is_string()) o.interaction_mode = interaction_mode.get<std::string>();
    if (login_hint.is_string()) o.login_hint = login_hint.get<std::string>();
  } else if (options.is_object()) {
    o.redirect_uri = optional_string(options, "redirectUri");
    if (auto p = optional_string(options, "postRedirectUri"); !p.empty()) o.post_redirect_uri = p;
    if (auto it = options.find("prompt"); it != options.end()) {
      o.prompt = string_or_list(*it, "prompt");
    }
    if (auto it = options.find("clearTokens"); it != options.end() && it->is_boolean()) {
      o.clear_tokens = it->get<bool>();
    }
    o.interaction_mode = optional_string(options, "interactionMode");
    o.first_screen = optional_string(options, "firstScreen");
    o.login_hint = optional_string(options, "loginHint");
    o.one_time_token = optional_string(options, "oneTimeToken");
    if (auto it = options.find("identifiers"); it != options.end()) {
      o.identifiers = string_or_list(*it, "identifiers");
    }
    if (auto it = options.find("directSignIn"); it != options.end() && it->is_object()) {
      o.direct_sign_in =
          oidc::DirectSignIn{optional_string(*it, "method"), optional_string(*it, "target")};
    }
    if (auto it = options.find("extraParams"); it != options.end() && it->is_object()) {
      for (const auto& [k, v] : it->items()) {
        o.extra_params.emplace_back(k, v.is_string() ? v.get<std::string>() : json_text::dump(v));
      }
    }
  }
  if (o.redirect_uri.empty()) {
    throw client_error("invalid_config",
                       "signIn() needs the redirect URI registered for this app, e.g. "
                       "signIn('https://your-site/callback').");
  }
  return o;
}

nlohmann::json decode_access_token(const std::string& token) {
  if (std::count(token.begin(), token.end(), '.') != 2) return nlohmann::json::object();
  try {
    return jose::decode_payload(token);
  } catch (const Error&) {
    throw logto_error("unexpected_response_error",
                      "The access token has three segments but its payload is not JSON.");
  }
}

Client::Client(LogtoConfig config, Storage& storage, Clock& clock, Random& random)
    : config_(std::move(config)), store_(storage, config_.app_id), clock_(clock), random_(random) {}

std::string Client::refresh_lock_name() const {
  return "logto:" + config_.app_id + ":refresh";
}

Step Client::with_config(ConfigThen then) {
  if (oidc_config_) return then(*oidc_config_);
  std::string url = oidc::discovery_url(config_.endpoint);
  oidc::HttpRequest request;
  request.url = url;
  return fetch(request, [this, url, then](const oidc::HttpResponse& r) {
    // Cached only on success, so a failed discovery is retried by the next call.
    oidc_config_ = oidc::parse_discovery(oidc::read_json(r, url));
    return then(*oidc_config_);
  });
}

Step Client::verify_id_token(const std::string& id_token, Callback<Step()> then,
                             bool jwks_refetched) {
  return with_config([=](const oidc::OidcConfig& cfg) -> Step {
    auto check = [=](const nlohmann::json& jwks) -> Step {
      oidc::IdTokenExpectations expect{cfg.issuer, config_.app_id, now_seconds(),
                                       config_.clock_tolerance_seconds};
      if (oidc::verify_id_token(id_token, jwks, expect) == jose::KeyLookup::Found) return then();
      if (!jwks_refetched) {
        jwks_.reset();  // keys may have rotated: fetch the set once more
        return verify_id_token(id_token, then, true);
      }
      std::string kid = jose::parse_compact(id_token).header.value("kid", "");
      throw logto_error("id_token.invalid_token",
                        "No key with kid \"" + kid + "\" in the JWKS at " + cfg.jwks_uri + ".");
    };
    if (jwks_) return check(*jwks_);
    oidc::HttpRequest request;
    request.url = cfg.jwks_uri;
    return fetch(request, [this, cfg, check](const oidc::HttpResponse& r) {
      jwks_ = oidc::read_json(r, cfg.jwks_uri);
      return check(*jwks_);
    });
  });
}

Operation Client::sign_in(const SignInOptions& options) {
  return Operation([=] {
    return with_config([=](const oidc::OidcConfig& cfg) {
      std::string verifier = pkce::generate_code_verifier(random_);
      std::string state = pkce::generate_state(random_);
      oidc::SignInUriParams p;
      p.authorization_endpoint = cfg.authorization_endpoint;
      p.client_id = config_.app_id;
      p.redirect_uri = options.redirect_uri;
      p.code_challenge = pkce::code_challenge(verifier);
      p.state = state;
      p.scopes = config_.scopes;
      p.resources = config_.resources;
      p.prompt = options.prompt.empty() ? config_.prompt : options.prompt;
      p.first_screen = options.first_screen;
      p.interaction_mode = options.interaction_mode;
      p.login_hint = options.login_hint;
      p.identifiers = options.identifiers;
      p.direct_sign_in = options.direct_sign_in;
      p.one_time_token = options.one_time_token;
      p.extra_params = options.extra_params;
      p.include_reserved_scopes = config_.include_reserved_scopes;
      std::string uri = oidc::build_sign_in_uri(p);
      store_.set_sign_in_session(
          SignInSession{options.redirect_uri, options.post_redirect_uri, verifier, state});
      if (options.clear_tokens) store_.clear_all_tokens();
      return navigate(uri, [] { return done(); });
    });
  });
}

Operation Client::handle_sign_in_callback(const std::string& callback_uri) {
  return Operation([=] {
    auto session = store_.sign_in_session();
    if (!session) {
      throw client_error("sign_in_session.not_found",
                         "No sign-in is in progress in this tab: call signIn() first, and handle "
                         "the callback in the same tab.");
    }
    std::string code =
        oidc::verify_and_parse_code(callback_uri, session->redirect_uri, session->state);
    return with_config([=](const oidc::OidcConfig& cfg) {
      double requested_at = std::round(now_seconds());
      auto request =
          oidc::authorization_code_request({cfg.token_endpoint, config_.app_id, code,
                                            session->code_verifier, session->redirect_uri});
      return fetch(request, [=](const oidc::HttpResponse& r) {
        auto tokens = oidc::parse_token_response(oidc::read_json(r, cfg.token_endpoint), true);
        return verify_id_token(*tokens.id_token, [=] {
          store_.set_refresh_token(tokens.refresh_token);
          store_.set_id_token(tokens.id_token);
          AccessTokenMap map = store_.access_tokens();
          map[access_token_key("", "")] = {tokens.access_token, tokens.scope,
                                           requested_at + tokens.expires_in};
          store_.save_access_tokens(map);
          store_.set_sign_in_session(std::nullopt);
          if (session->post_redirect_uri) {
            return navigate(*session->post_redirect_uri, [] { return done(); });
          }
          return done();
        });
      });
    });
  });
}

Operation Client::is_sign_in_redirected(const std::string& url) {
  return Operation([=] {
    auto session = store_.sign_in_session();
    if (!session) return done(false);
    auto u = url::parse(url);
    return done(u && u->origin_and_path() == session->redirect_uri);
  });
}

Operation Client::is_authenticated() {
  return Operation([this] { return done(store_.id_token().has_value()); });
}

Operation Client::get_id_token() {
  return Operation([this] {
    auto t = store_.id_token();
    return done(t ? nlohmann::json(*t) : nlohmann::json(nullptr));
  });
}

Operation Client::get_refresh_token() {
  return Operation([this] {
    auto t = store_.refresh_token();
    return done(t ? nlohmann::json(*t) : nlohmann::json(nullptr));
  });
}

Operation Client::get_id_token_claims() {
  return Operation([this] {
    auto t = store_.id_token();
    if (!t) throw client_error("not_authenticated", "", "ID token not found");
    return done(checked_id_token_claims(*t));
  });
}

std::optional<std::string> Client::cached_access_token(const std::string& key) {
  AccessTokenMap map = store_.access_tokens();
  auto it = map.find(key);
  if (it != map.end() && it->second.expires_at > now_seconds()) return it->second.token;
  return std::nullopt;
}

Step Client::access_token(const std::string& resource, const std::string& organization_id,
                          TokenThen then) {
  if (!store_.id_token()) throw client_error("not_authenticated");
  if (auto cached = cached_access_token(access_token_key(resource, organization_id))) {
    return then(*cached);
  }
  // Another tab may be spending the same rotating refresh token: take the lock, then look
  // again, because that tab may have stored a fresh access token meanwhile.
  return lock(refresh_lock_name(), [=] {
    if (auto cached = cached_access_token(access_token_key(resource, organization_id))) {
      return then(*cached);
    }
    return refresh(resource, organization_id, then);
  });
}

Step Client::refresh(const std::string& resource, const std::string& organization_id,
                     TokenThen then) {
  auto refresh_token = store_.refresh_token();
  if (!refresh_token) throw client_error("not_authenticated", "", "Refresh token not found");
  return with_config([=](const oidc::OidcConfig& cfg) {
    double requested_at = std::round(now_seconds());
    auto request = oidc::refresh_token_request(
        {cfg.token_endpoint, config_.app_id, *refresh_token, resource, organization_id});
    return fetch(request, [=](const oidc::HttpResponse& r) {
      nlohmann::json body;
      try {
        body = oidc::read_json(r, cfg.token_endpoint);
      } catch (const Error& e) {
        if (e.code() != "oidc.invalid_grant") throw;
        // The grant is gone (revoked, expired, reused): drop every token so the app sees a
        // signed-out user instead of failing the same way forever.
        store_.clear_all_tokens();
        throw client_error("not_authenticated",
                           "The refresh token was rejected (" + std::string(e.what()) +
                               "); tokens were cleared, sign in again.",
                           e.to_json());
      }
      auto tokens = oidc::parse_token_response(body, false);
      AccessTokenMap map = store_.access_tokens();
      map[access_token_key(resource, organization_id)] = {tokens.access_token, tokens.scope,
                                                          requested_at + tokens.expires_in};
      store_.save_access_tokens(map);
      if (tokens.refresh_token) store_.set_refresh_token(tokens.refresh_token);
      if (!tokens.id_token) return then(tokens.access_token);
      return verify_id_token(*tokens.id_token, [=] {
        store_.set_id_token(tokens.id_token);
        return then(tokens.access_token);
      });
    });
  });
}

Step Client::organization_token(const std::string& organization_id, TokenThen then) {
  const auto& scopes = config_.scopes;
  if (std::find(scopes.begin(), scopes.end(), kOrganizationsScope) == scopes.end()) {
    throw client_error("missing_scope_organizations",
                       "Add it to `scopes` in the LogtoClient config.");
  }
  return access_token("", organization_id, then);
}

Operation Client::get_access_token(const std::string& resource,
                                   const std::string& organization_id) {
  return Operation([=] {
    return access_token(resource, organization_id,
                        [](const std::string& token) { return done(token); });
  });
}

Operation Client::get_access_token_claims(const std::string& resource) {
  return Operation([=] {
    return access_token(resource, "",
                        [](const std::string& token) { return done(decode_access_token(token)); });
  });
}

Operation Client::get_organization_token(const std::string& organization_id) {
  return Operation([=] {
    return organization_token(organization_id,
                              [](const std::string& token) { return done(token); });
  });
}

Operation Client::get_organization_token_claims(const std::string& organization_id) {
  return Operation([=] {
    return organization_token(
        organization_id, [](const std::string& token) { return done(decode_access_token(token)); });
  });
}

Operation Client::fetch_user_info() {
  return Operation([this] {
    return with_config([this](const oidc::OidcConfig& cfg) {
      return access_token("", "", [cfg](const std::string& token) {
        return fetch(oidc::userinfo_request(cfg.userinfo_endpoint, token),
                     [cfg](const oidc::HttpResponse& r) {
                       return done(oidc::read_json(r, cfg.userinfo_endpoint));
                     });
      });
    });
  });
}

Operation Client::clear_access_token() {
  return Operation([this] {
    store_.clear_access_tokens();
    return done();
  });
}

Operation Client::clear_all_tokens() {
  return Operation([this] {
    store_.clear_all_tokens();
    return done();
  });
}

Operation Client::sign_out(const std::string& post_logout_redirect_uri) {
  return Operation([=] {
    return with_config([=](const oidc::OidcConfig& cfg) {
      auto finish = [=] {
        std::string url = oidc::build_sign_out_uri(cfg.end_session_endpoint, config_.app_id,
                                                   post_logout_redirect_uri);
        store_.clear_all_tokens();
        return navigate(url, [] { return done(); });
      };
      auto refresh_token = store_.refresh_token();
      if (!refresh_token) return finish();
      // A failed revocation must not keep the user signed in: whatever the answer, go on.
      return fetch(
          oidc::revocation_request(cfg.revocation_endpoint, config_.app_id, *refresh_token),
          [finish](const oidc::HttpResponse&) { return finish(); });
    });
  });
}

Operation Client::get_oidc_config() {
  return Operation([this] {
    return with_config([](const oidc::OidcConfig& cfg) { return done(cfg.to_camel_case()); });
  });
}

}  // namespace logto
