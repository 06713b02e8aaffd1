#include "console/console_routes.hpp"

#include "console/admin_access.hpp"
#include "console/console_app.hpp"
#include "console/console_assets.hpp"
#include "console/setup_link.hpp"
#include "errors/problem.hpp"
#include "http/input.hpp"
#include "http/problem_response.hpp"
#include "http/rate_limits.hpp"
#include "http/util.hpp"
#include "limits/rate_limiter.hpp"

#include <iostream>

namespace provider::console {
namespace {

// No inline script or style anywhere in the Console; WebAssembly for the SDK; the sign-in
// preview is the only frame, from this origin.
constexpr const char* kCsp =
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "connect-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

std::string content_type(const std::string& name) {
  auto ends = [&](const char* suffix) {
    std::string s(suffix);
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

void send_asset(httplib::Response& res, const std::string& name) {
  const std::string* body = console_asset(name);
  if (!body) {
    res.status = 404;
    res.set_content(name == "logto.mjs"
                        ? "The provider was built before the SDK: run `npm run build`."
                        : "No such Console file.",
                    "text/plain; charset=utf-8");
    return;
  }
  res.set_header("Cache-Control", "no-cache");
  res.set_header("Content-Security-Policy", kCsp);
  res.set_content(*body, content_type(name));
}

void guarded(Context& ctx, const httplib::Request& req, httplib::Response& res,
             void (*fn)(Context&, const httplib::Request&, httplib::Response&)) {
  http::answer_problems(req, res, http::Surface::Api, [&] { fn(ctx, req, res); });
}

void handle_config(Context& ctx, const httplib::Request&, httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  http::send_json(res, 200,
                  {{"endpoint", ctx.config().public_url},
                   {"appId", ensure_console_app(ctx)},
                   {"managementApi", kManagementApi},
                   {"dev", ctx.config().dev},
                   {"setupRequired", !has_admin(ctx.db())}});
}

void handle_setup(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  http::admit(ctx, "console-setup", limits::address_key(http::client_ip(ctx, req)), 20,
              http::Surface::Api, "Too many setup attempts came from your network.");
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    throw Problem(400, "request.invalid_body", "The body must be a JSON object (in UTF-8).");
  }
  if (auto problem = http::json_problem(body, 8192)) {
    throw Problem(400, "request.invalid_body", *problem);
  }
  auto text = [&](const char* key) {
    if (!body.contains(key) || !body[key].is_string() || body[key].get<std::string>().empty()) {
      throw Problem(400, "request.invalid_body", std::string(key) + " is required.",
                    {{"field", key}});
    }
    return body[key].get<std::string>();
  };
  std::string token = text("token");
  store::UserInput input;
  input.username = text("username");
  input.password = text("password");
  auto user = redeem_setup_token(ctx.db(), token, input, now_seconds());
  http::send_json(res, 201, user.to_json());
}

}  // namespace

void prepare_console(Context& ctx) {
  ensure_admin_model(ctx.db());
  ensure_console_app(ctx);
  if (!has_admin(ctx.db())) {
    std::string token = issue_setup_token(ctx.db(), now_seconds());
    std::cout << "[provider] no Console admin yet: create one within 24 hours at\n"
              << "[provider]   " << ctx.config().public_url << "/console/setup?token=" << token
              << "\n"
              << "[provider] (or run: logto-provider user create --admin --username NAME "
                 "--password PASSWORD)"
              << std::endl;
  }
}

void register_console_routes(httplib::Server& server, Context& ctx) {
  auto shell = [](const httplib::Request&, httplib::Response& res) {
    send_asset(res, "index.html");
    res.set_header("Cache-Control", "no-store");
  };
  server.Get("/console", shell);
  server.Get(R"(/console/(?!assets/|sdk/)[A-Za-z0-9/_-]*)", shell);
  server.Get(
      R"(/console/assets/([a-z0-9-]+\.(js|css|svg)))",
      [](const httplib::Request& req, httplib::Response& res) { send_asset(res, req.matches[1]); });
  server.Get("/console/sdk/logto.mjs",
             [](const httplib::Request&, httplib::Response& res) { send_asset(res, "logto.mjs"); });
  server.Get("/api/console/config", [&ctx](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, req, res, handle_config);
  });
  server.Post("/api/console/setup", [&ctx](const httplib::Request& req, httplib::Response& res) {
    guarded(ctx, req, res, handle_setup);
  });
}

}  // namespace provider::console
