#include "http/server.hpp"

#include "admin/management_api.hpp"
#include "console/console_routes.hpp"
#include "http/problem_response.hpp"
#include "http/rate_limits.hpp"
#include "http/util.hpp"
#include "interaction/experience.hpp"
#include "oidc/authorize.hpp"
#include "oidc/endpoints.hpp"

#include "limits/rate_limiter.hpp"

#include <iostream>
#include <optional>

namespace provider::http {
namespace {

using Fn = void (*)(Context&, const httplib::Request&, httplib::Response&);

// A per-IP limit on a route (config.hpp's rateLimits), checked before the handler runs.
struct Limit {
  const char* bucket;
  int Config::RateLimits::*per_minute;
  const char* message;
};

const Limit kAuthorizeLimit{"authorize", &Config::RateLimits::authorize_per_ip,
                            "Too many sign-in requests came from your network."};
const Limit kSignInPageLimit{"sign-in-page", &Config::RateLimits::sign_in_page_per_ip,
                             "The sign-in page was opened too often from your network."};
const Limit kExperienceLimit{"experience", &Config::RateLimits::experience_per_ip,
                             "Too many sign-in requests came from your network."};
const Limit kTokenLimit{"token-ip", &Config::RateLimits::token_per_ip,
                        "Too many token requests came from this address."};

// Requests run side by side (each thread on its own connection; see context.hpp). A Problem
// thrown anywhere below is answered in the route's surface (http/problem_response.hpp); any
// other exception is a bug: logged, and answered 500 with nothing of it in the response.
httplib::Server::Handler guarded(Context& ctx, Surface surface, Fn fn,
                                 std::optional<Limit> limit = std::nullopt) {
  return [&ctx, surface, fn, limit](const httplib::Request& req, httplib::Response& res) {
    answer_problems(req, res, surface, [&] {
      if (limit) {
        admit(ctx, limit->bucket, limits::address_key(client_ip(ctx, req)),
              ctx.config().rate_limits.*(limit->per_minute), surface, limit->message);
      }
      fn(ctx, req, res);
    });
  };
}

}  // namespace

void register_routes(httplib::Server& server, Context& ctx) {
  server.Get("/oidc/.well-known/openid-configuration",
             guarded(ctx, Surface::OAuth, oidc::handle_discovery));
  server.Get("/oidc/jwks", guarded(ctx, Surface::OAuth, oidc::handle_jwks));
  server.Get("/oidc/auth", guarded(ctx, Surface::Page, oidc::handle_authorize, kAuthorizeLimit));
  server.Post("/oidc/auth", guarded(ctx, Surface::Page, oidc::handle_authorize, kAuthorizeLimit));
  server.Post("/oidc/token", guarded(ctx, Surface::OAuth, oidc::handle_token, kTokenLimit));
  server.Get("/oidc/me", guarded(ctx, Surface::OAuth, oidc::handle_userinfo));
  server.Post("/oidc/me", guarded(ctx, Surface::OAuth, oidc::handle_userinfo));
  server.Get("/oidc/session/end", guarded(ctx, Surface::Page, oidc::handle_end_session));
  server.Post("/oidc/session/end", guarded(ctx, Surface::Page, oidc::handle_end_session));
  server.Post("/oidc/token/revocation", guarded(ctx, Surface::OAuth, oidc::handle_revocation));
  for (const char* path : {"/oidc/.well-known/openid-configuration", "/oidc/jwks", "/oidc/token",
                           "/oidc/me", "/oidc/token/revocation"}) {
    server.Options(path, guarded(ctx, Surface::OAuth, oidc::handle_preflight));
  }
  server.Get("/sign-in",
             guarded(ctx, Surface::Page, interaction::handle_sign_in_page, kSignInPageLimit));
  server.Get("/sign-in/preview",
             guarded(ctx, Surface::Page, interaction::handle_sign_in_preview, kSignInPageLimit));
  server.Get(R"(/api/experience/([A-Za-z0-9_-]+))",
             guarded(ctx, Surface::Api, interaction::handle_get, kExperienceLimit));
  server.Post(R"(/api/experience/([A-Za-z0-9_-]+)/password)",
              guarded(ctx, Surface::Api, interaction::handle_password, kExperienceLimit));
  server.Post(R"(/api/experience/([A-Za-z0-9_-]+)/verification-code)",
              guarded(ctx, Surface::Api, interaction::handle_send_code, kExperienceLimit));
  server.Post(R"(/api/experience/([A-Za-z0-9_-]+)/verification-code/verify)",
              guarded(ctx, Surface::Api, interaction::handle_verify_code, kExperienceLimit));
  server.Get("/dev/sms", guarded(ctx, Surface::Page, interaction::handle_dev_inbox));
  server.Get(R"(/assets/[a-z.-]+)", [](const httplib::Request& req, httplib::Response& res) {
    interaction::handle_asset(req, res);
  });
  admin::register_routes(server, ctx);
  console::register_console_routes(server, ctx);
  server.set_default_headers(
      {{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});
}

}  // namespace provider::http
