#include "oidc/authorize.hpp"

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
#include <sstream>

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

// The request is invalid in a way the client should hear about (RFC 6749 §4.1.2.1).
struct ClientError {
  std::string error, description;
};

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string w; in >> w;) out.push_back(w);
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
  std::string grant = store::create_grant(ctx.db(), user_id, p["client_id"], p["scope"], auth_time,
                                          now, grant_expires);
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

void handle_authorize(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  std::string problem;
  Params p = http::request_params(req, problem);
  auto error_page = [&](const std::string& message) {
    http::send_message_page(res, 400, "Sign-in request refused",
                            "This sign-in request cannot continue",
                            {message,
                             "Go back to the site you came from and try again; if this keeps "
                             "happening, tell its owner."});
  };
  if (!problem.empty()) return error_page(problem);
  std::string client_id = param(p, "client_id");
  auto app = store::find_application(ctx.db(), client_id);
  if (!app) return error_page("No application is registered with client_id \"" + client_id + "\".");
  std::string redirect_uri = param(p, "redirect_uri");
  if (std::find(app->redirect_uris.begin(), app->redirect_uris.end(), redirect_uri) ==
      app->redirect_uris.end()) {
    // Never redirect to an unregistered URI: that would be an open redirect.
    return error_page("The redirect_uri \"" + redirect_uri + "\" is not registered for " +
                      app->name + ".");
  }
  auto state = logto::url::get(p, "state");
  auto fail = [&](const ClientError& e) {
    Params out = {{"error", e.error}, {"error_description", e.description}};
    if (state) out.emplace_back("state", *state);
    out.emplace_back("iss", ctx.issuer());
    http::redirect(res, with_query(redirect_uri, out));
  };

  if (param(p, "response_type") != "code") {
    return fail({"unsupported_response_type", "Only response_type=code is supported."});
  }
  std::string scope = granted_scope(param(p, "scope"));
  if (!has_scope(scope, "openid")) {
    return fail({"invalid_scope", "The scope must include openid."});
  }
  std::string challenge = param(p, "code_challenge");
  std::string method = param(p, "code_challenge_method");
  if (app->is_public()) {
    if (challenge.empty()) {
      return fail({"invalid_request", "PKCE is required: send code_challenge with S256."});
    }
    if (method != "S256") {
      return fail({"invalid_request", "code_challenge_method must be S256 (plain is refused)."});
    }
    if (!logto::pkce::is_valid_verifier(challenge) || challenge.size() != 43) {
      return fail({"invalid_request", "code_challenge is not a base64url SHA-256 value."});
    }
  }
  std::set<std::string> prompts;
  for (const auto& w : words(param(p, "prompt"))) {
    if (w != "none" && w != "login" && w != "consent") {
      return fail({"invalid_request", "Unsupported prompt value \"" + w + "\"."});
    }
    prompts.insert(w);
  }
  if (prompts.count("none") && prompts.size() > 1) {
    return fail({"invalid_request", "prompt=none cannot be combined with other values."});
  }
  nlohmann::json resources = nlohmann::json::array();
  for (const auto& [key, value] : p) {
    if (key != "resource") continue;
    if (!store::resource_exists(ctx.db(), value)) {
      return fail({"invalid_target", "The resource \"" + value + "\" is not registered."});
    }
    resources.push_back(value);
  }

  nlohmann::json params = {{"client_id", client_id}, {"redirect_uri", redirect_uri},
                           {"scope", scope},         {"code_challenge", challenge},
                           {"resources", resources}, {"prompt", param(p, "prompt")}};
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
    return fail({"login_required", "No signed-in session, and prompt=none forbids asking."});
  }
  const Config& config = ctx.config();
  auto start = store::create_interaction(
      ctx.db(), params, limits::address_key(http::client_ip(ctx, req)),
      config.rate_limits.live_interactions_per_ip, now, config.interaction_ttl);
  if (!start.interaction) {
    return http::send_too_many_requests(
        res, http::Surface::Page, start.retry_after,
        "Too many sign-ins are open from your network; finish one or wait until one expires.");
  }
  const auto& interaction = *start.interaction;
  http::set_cookie(res, ctx, kInteractionCookie,
                   security::sign_value(ctx.cookie_secret(), interaction.id),
                   config.interaction_ttl);
  http::redirect(res, "/sign-in?interaction=" + interaction.id);
}

}  // namespace provider::oidc
