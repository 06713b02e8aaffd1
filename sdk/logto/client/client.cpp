#include "logto/client/client.hpp"

#include "logto/encoding/base64url.hpp"
#include "logto/encoding/json.hpp"
#include "logto/errors.hpp"
#include "logto/jose/jws.hpp"
#include "logto/jose/token_error.hpp"
#include "logto/oidc/callback.hpp"
#include "logto/oidc/id_token.hpp"
#include "logto/oidc/token_requests.hpp"
#include "logto/pkce/pkce.hpp"

#include <algorithm>
#include <cmath>

namespace logto {
namespace {

// A string option: "" when absent or null; `refusal` set (the first one wins) when present with
// another type.
std::string optional_string(const Json& obj, const char* key, Status& refusal) {
  auto it = obj.find(key);
  if (!it || it->is_null()) return "";
  if (!it->is_string()) {
    if (refusal.ok()) refusal = wasm_error("invalid_config", cat("`", key, "` must be a string."));
    return "";
  }
  return it->as_string();
}

// An ID token's claims, checked for the types @logto/js asserts before returning them.
Result<Json> checked_id_token_claims(const std::string& token) {
  auto claims = jose::decode_payload(token);
  if (!claims) return claims;
  const Json& c = *claims;
  for (const char* k : {"iss", "sub", "aud"}) {
    auto it = c.find(k);
    if (!it || !(it->is_string() || (it->is_array() && k[0] == 'a'))) {
      return jose::token_error(jose::TokenFailure::ClaimMissing,
                               cat("The stored ID token has no string \"", k, "\"."), k);
    }
  }
  for (const char* k : {"exp", "iat"}) {
    auto it = c.find(k);
    if (!it || !it->is_number()) {
      return jose::token_error(jose::TokenFailure::ClaimMissing,
                               cat("The stored ID token has no numeric \"", k, "\"."), k);
    }
  }
  return claims;
}

}  // namespace

Result<SignInOptions> parse_sign_in_options(const Json& options, const Json& interaction_mode,
                                            const Json& login_hint) {
  SignInOptions o;
  Status refusal;  // ok until an option is refused
  if (options.is_string()) {
    o.redirect_uri = options.as_string();
    if (interaction_mode.is_string()) o.interaction_mode = interaction_mode.as_string();
    if (login_hint.is_string()) o.login_hint = login_hint.as_string();
  } else if (options.is_object()) {
    o.redirect_uri = optional_string(options, "redirectUri", refusal);
    if (auto p = optional_string(options, "postRedirectUri", refusal); !p.empty()) {
      o.post_redirect_uri = std::move(p);
    }
    if (auto it = options.find("prompt"); it) {
      auto prompt = string_or_list(*it, "prompt");
      if (!prompt) return refusal.ok() ? prompt.error() : refusal.error();
      o.prompt = std::move(*prompt);
    }
    if (auto it = options.find("clearTokens"); it && it->is_boolean()) {
      o.clear_tokens = it->get<bool>();
    }
    o.interaction_mode = optional_string(options, "interactionMode", refusal);
    o.first_screen = optional_string(options, "firstScreen", refusal);
    o.login_hint = optional_string(options, "loginHint", refusal);
    o.one_time_token = optional_string(options, "oneTimeToken", refusal);
    if (auto it = options.find("identifiers"); it) {
      auto identifiers = string_or_list(*it, "identifiers");
      if (!identifiers) return refusal.ok() ? identifiers.error() : refusal.error();
      o.identifiers = std::move(*identifiers);
    }
    if (auto it = options.find("directSignIn"); it && it->is_object()) {
      o.direct_sign_in = oidc::DirectSignIn{optional_string(*it, "method", refusal),
                                            optional_string(*it, "target", refusal)};
    }
    if (auto it = options.find("extraParams"); it && it->is_object()) {
      for (const auto& [k, v] : it->members()) {
        o.extra_params.emplace_back(k, v.is_string() ? v.as_string() : json_text::dump(v));
      }
    }
  }
  if (!refusal.ok()) return refusal.error();
  if (o.redirect_uri.empty()) {
    return wasm_error("invalid_config",
                      "signIn() needs the redirect URI registered for this app, e.g. "
                      "signIn('https://your-site/callback').");
  }
  return o;
}

Result<Json> decode_access_token(const std::string& token) {
  if (std::count(token.begin(), token.end(), '.') != 2) return Json::object();
  auto claims = jose::decode_payload(token);
  if (!claims) {
    return logto_error("unexpected_response_error",
                       "The access token has three segments but its payload is not JSON.");
  }
  return claims;
}

Client::Client(LogtoConfig config, Storage& storage, Clock& clock, Random& random)
    : config_(std::move(config)), store_(storage, config_.app_id), clock_(clock), random_(random) {}

std::string Client::refresh_lock_name() const {
  return cat("logto:", config_.app_id, ":refresh");
}

Step Client::with_config(ConfigThen then) {
  if (oidc_config_) return then(*oidc_config_);
  auto url = oidc::discovery_url(config_.endpoint);
  if (!url) return failed(url.error());
  oidc::HttpRequest request;
  request.url = *url;
  return fetch(std::move(request),
               [this, url = std::move(*url), then](const oidc::HttpResponse& r) {
                 // Cached only on success, so a failed discovery is retried by the next call.
                 auto body = oidc::read_json(r, url);
                 if (!body) return failed(body.error());
                 auto parsed = oidc::parse_discovery(*body);
                 if (!parsed) return failed(parsed.error());
                 oidc_config_ = std::move(*parsed);
                 return then(*oidc_config_);
               });
}

std::string Client::jwks_to_prefetch() const {
  return external_verifier_ || jwks_ ? std::string() : oidc_config_->jwks_uri;
}

Step Client::verify_id_token(const std::string& id_token, Callback<Step()> then) {
  if (external_verifier_) return verify(id_token, std::move(then));
  return core_verify_id_token(id_token, std::move(then), false);
}

Step Client::core_verify_id_token(const std::string& id_token, Callback<Step()> then,
                                  bool jwks_refetched) {
  // Continuations read the discovery document from oidc_config_ rather than capturing a copy:
  // with_config has set it before any of them runs, and every copy is code in WebAssembly.
  return with_config([this, id_token, then, jwks_refetched](const oidc::OidcConfig& cfg) {
    if (jwks_) return check_id_token(id_token, then, jwks_refetched);
    oidc::HttpRequest request;
    request.url = cfg.jwks_uri;
    return fetch(std::move(request),
                 [this, id_token, then, jwks_refetched](const oidc::HttpResponse& r) {
                   auto jwks = oidc::read_json(r, oidc_config_->jwks_uri);
                   if (!jwks) return failed(jwks.error());
                   jwks_ = std::move(*jwks);
                   return check_id_token(id_token, then, jwks_refetched);
                 });
  });
}

Step Client::check_id_token(const std::string& id_token, const Callback<Step()>& then,
                            bool jwks_refetched) {
  auto jws = jose::parse_compact(id_token);
  if (!jws) return failed(jws.error());
  auto selection = jose::select_keys(*jws, *jwks_);
  if (!selection) return failed(selection.error());
  if (!selection->kid_not_found) return try_keys({std::move(*jws), std::move(*selection)}, 0, then);
  if (!jwks_refetched) {
    jwks_.reset();  // keys may have rotated: fetch the set once more
    return core_verify_id_token(id_token, then, true);
  }
  const std::string& kid = jws->header.string_member("kid");
  return failed(jose::token_error(
      jose::TokenFailure::KeyNotFound,
      cat("No key with kid \"", kid, "\" in the JWKS at ", oidc_config_->jwks_uri, "."), "kid",
      nullptr, kid));
}

Step Client::try_keys(const SignatureCheck& check, size_t index, const Callback<Step()>& then) {
  const auto& keys = check.selection.keys;
  if (index == keys.size()) return failed(jose::signature_mismatch(check.jws, check.selection.alg));
  Json request = Json::object();
  request["alg"] = check.selection.alg.name;
  request["jwk"] = keys[index];
  request["data"] = check.jws.signing_input;
  request["signature"] = base64url::encode(check.jws.signature);
  return signature(std::move(request), [this, check, index, then](const oidc::HttpResponse& r) {
    if (r.status == kKeyUnusable) {
      return failed(jose::token_error(jose::TokenFailure::KeyUnusable,
                                      cat("The JWKS key cannot be used: ", r.status_text, ".")));
    }
    if (r.status != kSignatureValid) return try_keys(check, index + 1, then);
    oidc::IdTokenExpectations expect{oidc_config_->issuer, config_.app_id, now_seconds(),
                                     config_.clock_tolerance_seconds};
    if (auto claims = oidc::check_id_token_claims(check.jws.payload, expect); !claims) {
      return failed(claims.error());
    }
    return then();
  });
}

Operation Client::operation(const Callback<Step()>& start) {
  return Operation(start, store_);
}

Operation Client::sign_in(const SignInOptions& options) {
  return operation([=] {
    return with_config([=](const oidc::OidcConfig&) {
      auto verifier = pkce::generate_code_verifier(random_);
      if (!verifier) return failed(verifier.error());
      auto state = pkce::generate_state(random_);
      if (!state) return failed(state.error());
      // SHA-256 is the host's (WebCrypto in the browser): the core keeps S256's rule and checks
      // the answer, and no SHA-256 code is in the browser module.
      return digest(*verifier, [this, options, verifier = *verifier,
                                state = *state](const oidc::HttpResponse& r) {
        auto challenge = pkce::challenge_from_digest(r.status == kDigestDone ? r.body : "");
        if (!challenge) return failed(challenge.error());
        return redirect_to_sign_in(options, verifier, state, *challenge);
      });
    });
  });
}

Step Client::redirect_to_sign_in(const SignInOptions& options, const std::string& verifier,
                                 const std::string& state, const std::string& challenge) {
  std::string uri = oidc::build_sign_in_uri(
      {oidc_config_->authorization_endpoint, config_.app_id, challenge, state, config_.scopes,
       config_.resources, config_.prompt, config_.include_reserved_scopes},
      options);
  store_.save_sign_in_session(options.redirect_uri, options.post_redirect_uri, verifier, state);
  // Without a stored session the callback could not be handled: stop before the
  // tokens are cleared and the page navigates away.
  if (auto saved = store_.take_failure(); !saved) return failed(saved.error());
  if (options.clear_tokens) store_.clear_all_tokens();
  return navigate(uri);
}

Operation Client::handle_sign_in_callback(const std::string& callback_uri) {
  return operation([=] {
    auto stored = store_.sign_in_session();
    if (!stored) return failed(stored.error());
    if (!*stored) {
      return failed(
          client_error("sign_in_session.not_found",
                       "No sign-in is in progress in this tab: call signIn() first, and handle the "
                       "callback in the same tab."));
    }
    // Inside with_config: the mix-up check needs the issuer and whether it advertises `iss`.
    return with_config([this, session = std::move(**stored),
                        callback_uri](const oidc::OidcConfig& cfg) {
      auto code = oidc::verify_and_parse_code(
          callback_uri,
          {session.redirect_uri, session.state, cfg.issuer, cfg.iss_parameter_supported});
      if (!code) return failed(code.error());
      double requested_at = whole_seconds_now();
      auto request = oidc::authorization_code_request(
          {cfg.token_endpoint, config_.app_id, *code, session.code_verifier, session.redirect_uri});
      request.prefetch = jwks_to_prefetch();
      return fetch(std::move(request), [this, requested_at, post = session.post_redirect_uri](
                                           const oidc::HttpResponse& r) {
        auto tokens = read_tokens(r, true);
        if (!tokens) return failed(tokens.error());
        return verify_id_token(*tokens->id_token, [this, tokens = *tokens, requested_at, post] {
          store_.set_refresh_token(tokens.refresh_token);
          store_.set_id_token(tokens.id_token);
          save_access_token(access_token_key("", ""), tokens, requested_at);
          // The session stays until the tokens are stored, so nothing is lost on failure.
          if (auto saved = store_.take_failure(); !saved) return failed(saved.error());
          store_.clear_sign_in_session();
          if (post) return navigate(*post);
          return done();
        });
      });
    });
  });
}

Operation Client::use_external_id_token_verifier(bool external) {
  return operation([this, external] {
    external_verifier_ = external;
    return done();
  });
}

Operation Client::check_id_token_with_core(const std::string& id_token) {
  return operation([=] {
    return core_verify_id_token(
        id_token, [] { return done(); }, false);
  });
}

Operation Client::is_sign_in_redirected(const std::string& url) {
  return operation([=] {
    auto stored = store_.sign_in_session();
    if (!stored || !*stored) return done(false);
    auto u = url::parse(url);
    return done(u && u->origin_and_path() == (*stored)->redirect_uri);
  });
}

Step Client::done_with_memo(Json&& value, std::initializer_list<const char*> items,
                            double valid_until) {
  Step s = done(std::move(value));
  Json reads = Json::array();
  for (const char* item : items) reads.push_back(store_.local_entry(item));
  s.memo = Json::object();
  if (valid_until > 0) s.memo["validUntil"] = valid_until;
  s.memo["reads"] = std::move(reads);
  return s;
}

Operation Client::is_authenticated() {
  return operation([this] {
    // The answer depends only on whether an ID token is stored, so that is all the memo names:
    // it holds no token, and the page may keep it across loads.
    bool signed_in = store_.id_token().has_value();
    Step s = done(signed_in);
    s.memo = Json::object();
    s.memo["present"].push_back(TokenStore::entry(store_.key("idToken"), signed_in));
    return s;
  });
}

Operation Client::get_id_token() {
  return operation([this] {
    auto t = store_.id_token();
    return done_with_memo(t ? Json(*t) : Json(nullptr), {"idToken"});
  });
}

Operation Client::get_refresh_token() {
  return operation([this] {
    auto t = store_.refresh_token();
    return done(t ? Json(*t) : Json(nullptr));
  });
}

Operation Client::get_id_token_claims() {
  return operation([this] {
    auto t = store_.id_token();
    if (!t) return failed(client_error("not_authenticated", "", "ID token not found"));
    auto claims = checked_id_token_claims(*t);
    if (!claims) return failed(claims.error());
    return done(std::move(*claims));
  });
}

std::optional<std::string> Client::cached_access_token(const std::string& key) {
  auto cached = store_.access_token(key);
  if (cached && cached->expires_at > now_seconds()) return cached->token;
  return std::nullopt;
}

Step Client::access_token(const std::string& resource, const std::string& organization_id,
                          TokenThen then) {
  if (!store_.id_token()) return failed(client_error("not_authenticated"));
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
                     TokenThen then, bool retried) {
  auto refresh_token = store_.refresh_token();
  if (!refresh_token) {
    return failed(client_error("not_authenticated", "", "Refresh token not found"));
  }
  return with_config([=](const oidc::OidcConfig& cfg) {
    double requested_at = whole_seconds_now();
    auto request = oidc::refresh_token_request(
        {cfg.token_endpoint, config_.app_id, *refresh_token, resource, organization_id});
    request.prefetch = jwks_to_prefetch();
    return fetch(std::move(request), [this, requested_at, resource, organization_id, then, retried,
                                      sent = *refresh_token](const oidc::HttpResponse& r) {
      auto parsed = read_tokens(r, false);
      if (!parsed) {
        if (!oidc::is_oauth_error(parsed.error(), "invalid_grant")) return failed(parsed.error());
        // Another tab may have spent and rotated the token we read: the lock keeps tabs apart,
        // but a browser delivers one tab's localStorage writes to another a moment later, so
        // its new tokens may only now be visible here. Use them, once.
        auto stored = store_.refresh_token();
        if (!retried && stored && *stored != sent) {
          if (auto cached = cached_access_token(access_token_key(resource, organization_id))) {
            return then(*cached);
          }
          return refresh(resource, organization_id, then, true);
        }
        // The grant is gone (revoked, expired, reused): drop every token so the app sees a
        // signed-out user instead of failing the same way forever. The error stays the one
        // @logto/browser gives for this response.
        store_.clear_all_tokens();
        return failed(parsed.error());
      }
      // Nothing of the response is stored before its ID token (if any) is verified and names
      // the session's user.
      auto keep = [this, tokens = *parsed, requested_at,
                   key = access_token_key(resource, organization_id), then] {
        save_access_token(key, tokens, requested_at);
        if (tokens.refresh_token) store_.set_refresh_token(tokens.refresh_token);
        if (tokens.id_token) store_.set_id_token(tokens.id_token);
        return then(tokens.access_token);
      };
      if (!parsed->id_token) return keep();
      return verify_id_token(*parsed->id_token, [this, id_token = *parsed->id_token, keep] {
        // A stored token that is gone or unreadable names nobody: every claim then differs.
        auto stored = store_.id_token();
        auto before = stored ? jose::decode_payload(*stored) : Result<Json>(Json::object());
        Status same = oidc::check_same_identity(before ? *before : Json::object(),
                                                *jose::decode_payload(id_token));
        if (!same) {
          // The provider now answers for someone else: the session cannot continue as the
          // old user (its refresh token is spent) nor become the new one unasked.
          store_.clear_all_tokens();
          return failed(same.error());
        }
        return keep();
      });
    });
  });
}

Result<oidc::TokenResponse> Client::read_tokens(const oidc::HttpResponse& response,
                                                bool require_id_token) {
  auto body = oidc::read_json(response, oidc_config_->token_endpoint);
  if (!body) return body.error();
  return oidc::parse_token_response(*body, require_id_token);
}

void Client::save_access_token(const std::string& key, const oidc::TokenResponse& tokens,
                               double requested_at) {
  store_.save_access_token(key,
                           {tokens.access_token, tokens.scope, requested_at + tokens.expires_in});
}

Step Client::organization_token(const std::string& organization_id, TokenThen then) {
  const auto& scopes = config_.scopes;
  if (std::find(scopes.begin(), scopes.end(), kOrganizationsScope) == scopes.end()) {
    return failed(client_error("missing_scope_organizations",
                               "Add it to `scopes` in the LogtoClient config."));
  }
  return access_token("", organization_id, then);
}

namespace {

Step claims_result(const std::string& token) {
  auto claims = decode_access_token(token);
  if (!claims) return failed(claims.error());
  return done(std::move(*claims));
}

}  // namespace

Operation Client::get_access_token(const std::string& resource,
                                   const std::string& organization_id) {
  return operation([=] {
    return access_token(resource, organization_id,
                        [this, resource, organization_id](const std::string& token) {
                          return memo_token(token, access_token_key(resource, organization_id));
                        });
  });
}

Step Client::memo_token(const std::string& token, const std::string& key) {
  // Valid for the page as long as for the core: until the stored entry's expiry, while the ID
  // token and the map are as read now.
  auto entry = store_.access_token(key);
  if (!entry || entry->token != token) return done(token);
  return done_with_memo(token, {"idToken", "accessToken"}, entry->expires_at);
}

Operation Client::get_access_token_claims(const std::string& resource) {
  return operation([=] { return access_token(resource, "", claims_result); });
}

Operation Client::get_organization_token(const std::string& organization_id) {
  return operation([=] {
    return organization_token(organization_id, [this, organization_id](const std::string& token) {
      return memo_token(token, access_token_key("", organization_id));
    });
  });
}

Operation Client::get_organization_token_claims(const std::string& organization_id) {
  return operation([=] { return organization_token(organization_id, claims_result); });
}

Operation Client::fetch_user_info() {
  return operation([this] {
    return with_config([this](const oidc::OidcConfig& cfg) {
      if (cfg.userinfo_endpoint.empty()) {
        return failed(logto_error("unexpected_response_error",
                                  "The provider's discovery document has no userinfo_endpoint, "
                                  "so there is no user info to fetch.",
                                  failure_data("oidc_config.invalid")));
      }
      return access_token("", "", [this](const std::string& token) {
        return fetch(oidc::userinfo_request(oidc_config_->userinfo_endpoint, token),
                     [this](const oidc::HttpResponse& r) {
                       auto info = oidc::read_json(r, oidc_config_->userinfo_endpoint);
                       if (!info) return failed(info.error());
                       return done(std::move(*info));
                     });
      });
    });
  });
}

Operation Client::clear_access_token() {
  return operation([this] {
    store_.clear_access_tokens();
    return done();
  });
}

Operation Client::clear_all_tokens() {
  return operation([this] {
    store_.clear_all_tokens();
    return done();
  });
}

Operation Client::sign_out(const std::string& post_logout_redirect_uri) {
  return operation([=] {
    return with_config([this, post_logout_redirect_uri](const oidc::OidcConfig& cfg) {
      auto finish = [this, post_logout_redirect_uri] {
        store_.clear_all_tokens();
        // A provider without an end-session endpoint has no session to end there: the local
        // sign-out is all there is, and the page goes where it asked to.
        if (oidc_config_->end_session_endpoint.empty()) {
          return post_logout_redirect_uri.empty() ? done() : navigate(post_logout_redirect_uri);
        }
        return navigate(oidc::build_sign_out_uri(oidc_config_->end_session_endpoint, config_.app_id,
                                                 post_logout_redirect_uri));
      };
      auto refresh_token = store_.refresh_token();
      // Without a revocation endpoint (optional in discovery) the refresh token is only dropped.
      if (!refresh_token || cfg.revocation_endpoint.empty()) return finish();
      // A failed revocation must not keep the user signed in: whatever the answer, go on.
      return fetch(
          oidc::revocation_request(cfg.revocation_endpoint, config_.app_id, *refresh_token),
          [finish](const oidc::HttpResponse&) { return finish(); });
    });
  });
}

Operation Client::get_oidc_config() {
  return operation([this] {
    return with_config([](const oidc::OidcConfig& cfg) { return done(cfg.to_camel_case()); });
  });
}

}  // namespace logto
