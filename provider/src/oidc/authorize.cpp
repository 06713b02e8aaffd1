#include "oidc/authorize.hpp"

#include "errors/problem.hpp"
#include "http/rate_limits.hpp"
#include "http/util.hpp"
#include "limits/rate_limiter.hpp"
#include "logto/pkce/pkce.hpp"
#include "oidc/tokens.hpp"
#include "security/hashing.hpp"
#include "store/applications.hpp"
#include "store/grants.hpp"
#include "store/resources.hpp"
#include "store/sessions.hpp"

#include <algorithm>
#include <set>

namespace provider::oidc {
namespace {

using logto::url::Params;

std::string param(const Params& p, const char* key) {
  return logto::url::get(p, key).value_or("");
}

std::string with_query(const std::string& uri, const Params& extra) {
  std::string out = uri + (uri.find('?') == std::string::npos ? "?" : "&");
  out += logto::url::serialize(extra);
  return out;
}

}  // namespace

std::optional<std::string> session_id(Context& ctx, const httplib::Request& req) {
  auto raw = http::cookie(req, kSessionCookie);
  if (!raw) return std::nullopt;
  std::string id = security::verify_signed_value(ctx.cookie_secret(), *raw);
  if (id.empty()) return std::nullopt;
  return id;
}

std::string complete_authorization(Context& ctx, const nlohmann::json& p,
                                   const std::string& user_id, int64_t auth_time, int64_t now) {
  // The code may be exchanged until it expires, and the access token it gives then lives on.
  int64_t grant_expires = now + ctx.config().authorization_code_ttl + ctx.config().access_token_ttl;
  store::Grant request;
  request.user_id = user_id;
  request.client_id = p["client_id"];
  request.scope = p["scope"];
  // Interactions stored before resources and permissions were kept have neither.
  for (const auto& r : p.value("resources", nlohmann::json::array())) {
    request.resources += (request.resources.empty() ? "" : " ") + r.get<std::string>();
  }
  request.extra_scope = p.value("extra_scope", "");
  request.auth_time = auth_time;
  std::string grant = store::create_grant(ctx.db(), request, now, grant_expires);
  store::CodeRequest code_request{grant, p["redirect_uri"], p["code_challenge"], std::nullopt,
                                  std::nullopt};
  if (p.contains("nonce")) code_request.nonce = p["nonce"].get<std::string>();
  std::string code =
      store::create_code(ctx.db(), code_request, now, ctx.config().authorization_code_ttl);
  Params out = {{"code", code}};
  if (p.contains("state")) out.emplace_back("state", p["state"].get<std::string>());
  out.emplace_back("iss", ctx.issuer());
  return with_query(p["redirect_uri"], out);
}

namespace {

// The rest of the authorization request, once the client and its redirect URI are known: each
// refusal is a Problem that handle_authorize sends back to the client.
void authorize_trusted(Context& ctx, const httplib::Request& req, httplib::Response& res,
                       const Params& p, const store::Application& app) {
  const std::string& client_id = app.id;
  std::string redirect_uri = param(p, "redirect_uri");
  auto state = logto::url::get(p, "state");

  if (param(p, "response_type") != "code") {
    throw Problem(400, "unsupported_response_type", "Only response_type=code is supported.");
  }
  std::string scope = granted_scope(param(p, "scope"));
  if (!has_scope(scope, "openid")) {
    throw Problem(400, "invalid_scope", "The scope must include openid.");
  }
  std::string challenge = param(p, "code_challenge");
  std::string method = param(p, "code_challenge_method");
  if (app.is_public()) {
    if (challenge.empty()) {
      throw Problem(400, "invalid_request", "PKCE is required: send code_challenge with S256.");
    }
    if (method != "S256") {
      throw Problem(400, "invalid_request",
                    "code_challenge_method must be S256 (plain is refused).");
    }
    if (!logto::pkce::is_valid_verifier(challenge) || challenge.size() != 43) {
      throw Problem(400, "invalid_request", "code_challenge is not a base64url SHA-256 value.");
    }
  }
  std::set<std::string> prompts;
  for (const auto& w : scope_words(param(p, "prompt"))) {
    if (w != "none" && w != "login" && w != "consent") {
      throw Problem(400, "invalid_request", "Unsupported prompt value \"" + w + "\".");
    }
    prompts.insert(w);
  }
  if (prompts.count("none") && prompts.size() > 1) {
    throw Problem(400, "invalid_request", "prompt=none cannot be combined with other values.");
  }
  nlohmann::json resources = nlohmann::json::array();
  for (const auto& [key, value] : p) {
    if (key != "resource") continue;
    // Logto's SDKs add its reserved organization resource whenever organizations are asked for;
    // organization tokens come from organization_id at the token endpoint instead.
    if (value != kOrganizationsResource && !store::resource_exists(ctx.db(), value)) {
      throw Problem(400, "invalid_target", "The resource \"" + value + "\" is not registered.");
    }
    if (std::find(resources.begin(), resources.end(), value) == resources.end()) {
      resources.push_back(value);
    }
  }

  // Permission words are kept as asked; what a token gets of them is decided when it is minted
  // (oidc/token.cpp), from the roles the user holds then.
  nlohmann::json params = {{"client_id", client_id},
                           {"redirect_uri", redirect_uri},
                           {"scope", scope},
                           {"extra_scope", extra_scope(param(p, "scope"))},
                           {"code_challenge", challenge},
                           {"resources", resources},
                           {"prompt", param(p, "prompt")}};
  if (state) params["state"] = *state;
  for (const char* key :
       {"nonce", "login_hint", "first_screen", "identifier", "interaction_mode"}) {
    if (auto v = logto::url::get(p, key)) params[key] = *v;
  }

  int64_t now = now_seconds();
  // Single sign-on: a live session completes the request without asking again, unless the
  // client asked for a fresh login. Our applications are first-party, so consent is implied.
  if (!prompts.count("login")) {
    if (auto sid = session_id(ctx, req)) {
      if (auto session = store::find_session(ctx.db(), *sid, now)) {
        return http::redirect(
            res, complete_authorization(ctx, params, session->user_id, session->auth_time, now));
      }
    }
  }
  if (prompts.count("none")) {
    throw Problem(400, "login_required", "No signed-in session, and prompt=none forbids asking.");
  }
  const Config& config = ctx.config();
  auto start = store::create_interaction(
      ctx.db(), params, limits::address_key(http::client_ip(ctx, req)),
      config.rate_limits.live_interactions_per_ip, now, config.interaction_ttl);
  if (!start.interaction) {
    throw http::too_many_requests(
        http::Surface::Page,
        "Too many sign-ins are open from your network; finish one or wait until one expires.",
        start.retry_after);
  }
  const auto& interaction = *start.interaction;
  http::set_cookie(res, ctx, kInteractionCookie,
                   security::sign_value(ctx.cookie_secret(), interaction.id),
                   config.interaction_ttl);
  http::redirect(res, "/sign-in?interaction=" + interaction.id);
}

}  // namespace

void handle_authorize(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  // Until the client and its redirect URI are known, a refusal is a page (the route's surface):
  // redirecting anywhere else would be an open redirect.
  Params p = http::request_params(req);
  std::string client_id = param(p, "client_id");
  auto app = store::find_application(ctx.db(), client_id);
  if (!app) {
    throw Problem(400, "invalid_request",
                  "No application is registered with client_id \"" + client_id + "\".");
  }
  std::string redirect_uri = param(p, "redirect_uri");
  if (std::find(app->redirect_uris.begin(), app->redirect_uris.end(), redirect_uri) ==
      app->redirect_uris.end()) {
    throw Problem(
        400, "invalid_request",
        "The redirect_uri \"" + redirect_uri + "\" is not registered for " + app->name + ".");
  }
  try {
    authorize_trusted(ctx, req, res, p, *app);
  } catch (const Problem& e) {
    if (e.status() == 429) throw;  // a limit on this browser's network: the page says so
    // RFC 6749 §4.1.2.1: the redirect URI is trusted now, so the client hears of the error.
    Params out = {{"error", e.code()}, {"error_description", e.what()}};
    if (auto state = logto::url::get(p, "state")) out.emplace_back("state", *state);
    out.emplace_back("iss", ctx.issuer());
    http::redirect(res, with_query(redirect_uri, out));
  }
}

}  // namespace provider::oidc
