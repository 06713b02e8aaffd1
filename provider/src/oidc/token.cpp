// /oidc/token: the authorization_code and refresh_token grants (RFC 6749 §4.1.3, §6) for
// public clients with PKCE (RFC 7636), resource indicators (RFC 8707) and refresh-token
// rotation with reuse detection.
#include "http/rate_limits.hpp"
#include "http/util.hpp"
#include "logto/encoding/base64url.hpp"
#include "logto/pkce/pkce.hpp"
#include "oidc/endpoints.hpp"
#include "oidc/tokens.hpp"
#include "security/hashing.hpp"
#include "store/applications.hpp"
#include "store/grants.hpp"
#include "store/organizations.hpp"
#include "store/resources.hpp"
#include "store/roles.hpp"

#include <algorithm>

namespace provider::oidc {
namespace {

using logto::url::Params;

std::string param(const Params& p, const char* key) {
  return logto::url::get(p, key).value_or("");
}

struct ClientCredentials {
  std::string id;
  std::optional<std::string> secret;
};

// client_secret_basic (RFC 6749 §2.3.1: id and secret form-encoded, then Basic) or
// client_secret_post / a bare client_id in the body.
ClientCredentials client_credentials(const httplib::Request& req, const Params& p) {
  ClientCredentials c{param(p, "client_id"), logto::url::get(p, "client_secret")};
  std::string auth = req.get_header_value("Authorization");
  if (auth.compare(0, 6, "Basic ") == 0) {
    std::string decoded = logto::base64url::decode_standard(auth.substr(6)).value_or("");
    auto colon = decoded.find(':');
    if (colon == std::string::npos) {
      throw Problem(401, "invalid_client", "The Basic credentials are malformed.");
    }
    auto id = logto::url::parse_query("a=" + decoded.substr(0, colon));
    auto secret = logto::url::parse_query("a=" + decoded.substr(colon + 1));
    std::string basic_id = id.empty() ? "" : id[0].second;
    if (!c.id.empty() && c.id != basic_id) {
      throw Problem(401, "invalid_client", "client_id differs from the Basic credentials.");
    }
    c.id = basic_id;
    c.secret = secret.empty() ? "" : secret[0].second;
  }
  return c;
}

// What an access token is for and what it may do, as Logto decides it: the permissions are
// the requested words the user holds now (through roles, or organization roles for an
// organization token), so a role removed is gone from the next token.
struct AccessTarget {
  std::optional<std::string> audience;  // none: the userinfo audience
  std::string scope;
};

AccessTarget access_target(Context& ctx, const store::Grant& grant, const store::User& user,
                           const Params& p, bool refresh) {
  auto resource = logto::url::get(p, "resource");
  auto organization = logto::url::get(p, "organization_id");
  std::vector<std::string> granted = scope_words(grant.scope + " " + grant.extra_scope);
  std::vector<std::string> requested = granted;
  auto asked = logto::url::get(p, "scope");
  if (refresh && asked && !asked->empty()) {
    requested = scope_words(*asked);
    std::string missing;
    for (const auto& w : requested) {
      if (std::find(granted.begin(), granted.end(), w) == granted.end()) {
        missing += (missing.empty() ? "" : " ") + w;
      }
    }
    if (!missing.empty()) {
      throw Problem(400, "invalid_scope",
                    "The refresh token was not granted the scope \"" + missing + "\".",
                    {{"scope", missing}});
    }
  }
  if (organization) {
    if (!refresh) {
      throw Problem(400, "invalid_request",
                    "organization_id is accepted with the refresh_token grant only.");
    }
    if (resource) {
      throw Problem(400, "invalid_target",
                    "Organization-scoped API resources are not supported: ask for a resource or "
                    "an organization_id, not both.");
    }
    if (!has_scope(grant.scope, kOrganizationsScope)) {
      throw Problem(403, "insufficient_scope",
                    std::string("The refresh token lacks the ") + kOrganizationsScope +
                        " scope; ask for it when signing in.");
    }
    if (!store::is_member(ctx.db(), *organization, user.id)) {
      throw Problem(403, "access_denied",
                    "The user is not a member of the organization \"" + *organization + "\".");
    }
    return {
        kOrganizationUrnPrefix + *organization,
        issued_scope(requested, store::held_organization_scopes(ctx.db(), *organization, user.id))};
  }
  if (resource) {
    auto named = scope_words(grant.resources);
    if (std::find(named.begin(), named.end(), *resource) == named.end()) {
      throw Problem(400, "invalid_target",
                    "The resource \"" + *resource +
                        "\" was not requested at sign-in; add it to the authorization request "
                        "(resources in the SDK's config).");
    }
    return {*resource,
            issued_scope(requested, store::held_resource_scopes(ctx.db(), user.id, *resource))};
  }
  return {std::nullopt, issued_scope(requested, scope_words(grant.scope))};
}

nlohmann::json issue(Context& ctx, const store::Grant& grant, const store::User& user,
                     const AccessTarget& target, const std::optional<std::string>& nonce,
                     int64_t now) {
  TokenRequest r{&user,           grant.client_id, grant.scope,     grant.id,
                 grant.auth_time, nonce,           target.audience, target.scope};
  nlohmann::json body = {{"access_token", mint_access_token(ctx, r, now)},
                         {"token_type", "Bearer"},
                         {"expires_in", ctx.config().access_token_ttl},
                         {"scope", target.scope},
                         {"id_token", mint_id_token(ctx, r, now)}};
  // Refresh tokens only with offline_access (OIDC Core §11).
  if (has_scope(grant.scope, "offline_access")) {
    body["refresh_token"] =
        store::issue_refresh_token(ctx.db(), grant.id, now, ctx.config().refresh_token_ttl);
  }
  return body;
}

nlohmann::json token(Context& ctx, const httplib::Request& req, const Params& p, int64_t now) {
  auto credentials = client_credentials(req, p);
  std::string client_id = credentials.id;
  auto app = store::find_application(ctx.db(), client_id);
  if (!app) throw Problem(401, "invalid_client", "Unknown client_id \"" + client_id + "\".");
  store::authenticate_client(*app, credentials.secret);
  // Counted only for registered applications, so made-up client_ids cannot fill the counts.
  auto admission = ctx.rate_limiter().admit("token-client " + client_id,
                                            ctx.config().rate_limits.token_per_client, now);
  if (!admission.allowed) {
    throw http::too_many_requests(http::Surface::OAuth,
                                  "Too many token requests came for this application.",
                                  admission.retry_after);
  }
  std::optional<std::string> resource = logto::url::get(p, "resource");
  if (resource && !store::resource_exists(ctx.db(), *resource)) {
    throw Problem(400, "invalid_target", "The resource \"" + *resource + "\" is not registered.");
  }
  std::string grant_type = param(p, "grant_type");

  // `revoked`: whether the grant counts as revoked; a code's exchange passes what it read when
  // it consumed the code (store::CodeLookup::grant_revoked), not what a replay did since.
  auto load_grant = [&](const std::string& id, std::optional<bool> revoked = std::nullopt) {
    auto grant = store::find_grant(ctx.db(), id);
    if (!grant || revoked.value_or(grant->revoked)) {
      throw Problem(400, "invalid_grant", "The grant was revoked.");
    }
    if (grant->client_id != client_id) {
      throw Problem(400, "invalid_grant", "The grant was issued to another client.");
    }
    return *grant;
  };
  auto load_user = [&](const store::Grant& grant) {
    auto user = store::find_user(ctx.db(), grant.user_id);
    if (!user) throw Problem(400, "invalid_grant", "The user no longer exists.");
    return *user;
  };

  if (grant_type == "authorization_code") {
    auto found = store::consume_code(ctx.db(), param(p, "code"), now);
    switch (found.state) {
      case store::CodeState::Unknown:
        throw Problem(400, "invalid_grant", "The authorization code is invalid.");
      case store::CodeState::Reused:
        // A replayed code may be an attacker's: revoke everything issued from it.
        store::revoke_grant(ctx.db(), found.request.grant_id);
        throw Problem(400, "invalid_grant",
                      "The authorization code was already used; its tokens are revoked.");
      case store::CodeState::Expired:
        throw Problem(400, "invalid_grant", "The authorization code has expired.");
      case store::CodeState::Valid:
        break;
    }
    auto grant = load_grant(found.request.grant_id, found.grant_revoked);
    if (param(p, "redirect_uri") != found.request.redirect_uri) {
      throw Problem(400, "invalid_grant",
                    "redirect_uri does not match the one of the authorization request.");
    }
    std::string verifier = param(p, "code_verifier");
    // Confidential clients may skip PKCE; a challenge given at /auth is always enforced.
    bool pkce_required = app->is_public() || !found.request.code_challenge.empty();
    if (!pkce_required) {
      auto user = load_user(grant);
      return issue(ctx, grant, user, access_target(ctx, grant, user, p, false), found.request.nonce,
                   now);
    }
    if (!logto::pkce::is_valid_verifier(verifier)) {
      throw Problem(400, "invalid_grant",
                    "code_verifier is missing or not 43-128 unreserved characters.");
    }
    if (!security::constant_time_equal(logto::or_throw(logto::pkce::code_challenge(verifier)),
                                       found.request.code_challenge)) {
      throw Problem(400, "invalid_grant", "code_verifier does not match the code_challenge.");
    }
    auto user = load_user(grant);
    return issue(ctx, grant, user, access_target(ctx, grant, user, p, false), found.request.nonce,
                 now);
  }
  if (grant_type == "refresh_token") {
    // What the new access token would be is decided first: a refusal (not a member, a resource
    // never asked for) must leave the refresh token usable, not rotated away.
    std::optional<AccessTarget> target;
    if (auto grant_id = store::refresh_token_grant(ctx.db(), param(p, "refresh_token"))) {
      auto grant = store::find_grant(ctx.db(), *grant_id);
      if (grant && !grant->revoked && grant->client_id == client_id) {
        if (auto user = store::find_user(ctx.db(), grant->user_id)) {
          target = access_target(ctx, *grant, *user, p, true);
        }
      }
    }
    auto found = store::use_refresh_token(ctx.db(), param(p, "refresh_token"), now);
    switch (found.state) {
      case store::RefreshState::Unknown:
      case store::RefreshState::Revoked:
        throw Problem(400, "invalid_grant", "The refresh token is invalid or revoked.");
      case store::RefreshState::Expired:
        throw Problem(400, "invalid_grant", "The refresh token has expired.");
      case store::RefreshState::Reused:
        store::revoke_grant(ctx.db(), found.grant_id);
        throw Problem(400, "invalid_grant",
                      "The refresh token was already used; the grant is revoked.");
      case store::RefreshState::ReusedInLeeway:
      case store::RefreshState::Valid:
        break;
    }
    auto grant = load_grant(found.grant_id);
    auto user = load_user(grant);
    return issue(ctx, grant, user, target ? *target : access_target(ctx, grant, user, p, true),
                 std::nullopt, now);
  }
  throw Problem(400, grant_type.empty() ? "invalid_request" : "unsupported_grant_type",
                grant_type.empty() ? "grant_type is missing."
                                   : "grant_type \"" + grant_type + "\" is not supported.");
}

}  // namespace

void handle_token(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  http::apply_cors(req, res, ctx);
  Params p = http::request_params(req);
  // No enclosing transaction: consuming a code or rotating a refresh token commits on its own,
  // so a failed request still marks a replayed code used and keeps a revocation. Refusals are
  // Problems, answered as RFC 6749 §5.2 JSON by the route (http/server.cpp).
  http::send_json(res, 200, token(ctx, req, p, now_seconds()));
}

}  // namespace provider::oidc
