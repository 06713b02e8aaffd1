#include "http/server.hpp"

#include "admin/management_api.hpp"
#include "http/util.hpp"
#include "interaction/experience.hpp"
#include "oidc/authorize.hpp"
#include "oidc/endpoints.hpp"

#include <iostream>
#include <mutex>

namespace provider::http {
namespace {

using Fn = void (*)(Context&, const httplib::Request&, httplib::Response&);

// One request at a time against the SQLite connection; any escaping exception is logged and
// answered with a generic 500 (details stay in the log, never in the response).
httplib::Server::Handler locked(Context& ctx, Fn fn) {
  return [&ctx, fn](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(ctx.mutex());
    try {
      fn(ctx, req, res);
    } catch (const std::exception& e) {
      std::cerr << "[provider] error on " << req.method << " " << req.path << ": " << e.what()
                << std::endl;
      send_json(res, 500,
                {{"code", "internal_error"},
                 {"message", "The provider failed; see its log for details."}});
    }
  };
}

}  // namespace

void register_routes(httplib::Server& server, Context& ctx) {
  server.Get("/oidc/.well-known/openid-configuration", locked(ctx, oidc::handle_discovery));
  server.Get("/oidc/jwks", locked(ctx, oidc::handle_jwks));
  server.Get("/oidc/auth", locked(ctx, oidc::handle_authorize));
  server.Post("/oidc/auth", locked(ctx, oidc::handle_authorize));
  server.Post("/oidc/token", locked(ctx, oidc::handle_token));
  server.Get("/oidc/me", locked(ctx, oidc::handle_userinfo));
  server.Post("/oidc/me", locked(ctx, oidc::handle_userinfo));
  server.Get("/oidc/session/end", locked(ctx, oidc::handle_end_session));
  server.Post("/oidc/session/end", locked(ctx, oidc::handle_end_session));
  server.Post("/oidc/token/revocation", locked(ctx, oidc::handle_revocation));
  for (const char* path : {"/oidc/.well-known/openid-configuration", "/oidc/jwks", "/oidc/token",
                           "/oidc/me", "/oidc/token/revocation"}) {
    server.Options(path, locked(ctx, oidc::handle_preflight));
  }
  server.Get("/sign-in", locked(ctx, interaction::handle_sign_in_page));
  server.Get(R"(/api/experience/([A-Za-z0-9_-]+))", locked(ctx, interaction::handle_get));
  server.Post(R"(/api/experience/([A-Za-z0-9_-]+)/password)",
              locked(ctx, interaction::handle_password));
  server.Post(R"(/api/experience/([A-Za-z0-9_-]+)/verification-code)",
              locked(ctx, interaction::handle_send_code));
  server.Post(R"(/api/experience/([A-Za-z0-9_-]+)/verification-code/verify)",
              locked(ctx, interaction::handle_verify_code));
  server.Get("/dev/sms", locked(ctx, interaction::handle_dev_inbox));
  server.Get(R"(/assets/[a-z.-]+)", [](const httplib::Request& req, httplib::Response& res) {
    interaction::handle_asset(req, res);
  });
  admin::register_routes(server, ctx);
  server.set_default_headers(
      {{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});
}

}  // namespace provider::http
