// /oidc/me (userinfo), /oidc/session/end (RP-initiated logout) and /oidc/token/revocation.
#include "errors/problem.hpp"
#include "http/util.hpp"
#include "oidc/authorize.hpp"
#include "oidc/endpoints.hpp"
#include "oidc/tokens.hpp"
#include "store/access_tokens.hpp"
#include "store/applications.hpp"
#include "store/grants.hpp"
#include "store/sessions.hpp"

#include <algorithm>

namespace provider::oidc {

void handle_userinfo(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  http::apply_cors(req, res, ctx);
  std::string auth = req.get_header_value("Authorization");
  if (auth.compare(0, 7, "Bearer ") != 0) {
    throw Problem(401, "invalid_token", "Send the access token as a Bearer token.");
  }
  auto claims = verify_userinfo_token(ctx, auth.substr(7), now_seconds());
  auto user = store::find_user(ctx.db(), claims["sub"].get<std::string>());
  if (!user) throw Problem(401, "invalid_token", "the user no longer exists");
  http::send_json(res, 200,
                  user_claims(ctx.db(), *user, claims.value("scope", ""), ClaimUse::Userinfo));
}

void handle_end_session(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  // Signing out never fails: with parameters we cannot read, the session still ends and the
  // browser stays on our "signed out" page instead of going anywhere.
  logto::url::Params p;
  try {
    p = http::request_params(req);
  } catch (const Problem&) {
  }
  if (auto sid = session_id(ctx, req)) store::delete_session(ctx.db(), *sid);
  http::clear_cookie(res, ctx, kSessionCookie);

  std::string target = logto::url::get(p, "post_logout_redirect_uri").value_or("");
  std::string client_id = logto::url::get(p, "client_id").value_or("");
  if (!target.empty()) {
    auto app = store::find_application(ctx.db(), client_id);
    // Only a URI registered for that client: anything else would be an open redirect.
    if (app &&
        std::find(app->post_logout_redirect_uris.begin(), app->post_logout_redirect_uris.end(),
                  target) != app->post_logout_redirect_uris.end()) {
      if (auto state = logto::url::get(p, "state")) {
        target += (target.find('?') == std::string::npos ? "?" : "&") +
                  logto::url::serialize({{"state", *state}});
      }
      return http::redirect(res, target);
    }
  }
  http::send_message_page(res, 200, "Signed out", "You are signed out",
                          {"You can close this window."});
}

void handle_revocation(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  http::apply_cors(req, res, ctx);
  auto p = http::request_params(req);
  std::string client_id = logto::url::get(p, "client_id").value_or("");
  auto app = store::find_application(ctx.db(), client_id);
  if (!app) throw Problem(401, "invalid_client", "Unknown client_id \"" + client_id + "\".");
  store::authenticate_client(*app, logto::url::get(p, "client_secret"));
  // RFC 7009 §2.2: 200 whether or not the token was known. A refresh token or an opaque access
  // token (a JWT cannot be taken back; it lapses at its exp).
  std::string token = logto::url::get(p, "token").value_or("");
  if (!store::revoke_refresh_token(ctx.db(), token, client_id)) {
    store::revoke_access_token(ctx.db(), token, client_id);
  }
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
}

}  // namespace provider::oidc
