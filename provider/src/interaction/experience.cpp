#include "interaction/experience.hpp"

#include "http/util.hpp"
#include "oidc/authorize.hpp"
#include "security/hashing.hpp"
#include "security/password.hpp"
#include "store/applications.hpp"
#include "store/sessions.hpp"
#include "store/users.hpp"

namespace provider::interaction {
namespace {

void api_error(httplib::Response& res, int status, const std::string& code,
               const std::string& message) {
  http::send_json(res, status, {{"code", code}, {"message", message}});
}

// The interaction named in the path, if this browser started it.
std::optional<store::Interaction> bound_interaction(Context& ctx, const httplib::Request& req,
                                                    httplib::Response& res) {
  std::string id = req.matches.size() > 1 ? std::string(req.matches[1]) : std::string();
  auto raw = http::cookie(req, oidc::kInteractionCookie);
  std::string bound = raw ? security::verify_signed_value(ctx.cookie_secret(), *raw) : "";
  if (bound.empty() || !security::constant_time_equal(bound, id)) {
    api_error(res, 403, "session.interaction_not_bound",
              "This sign-in was not started in this browser; start again from the site.");
    return std::nullopt;
  }
  auto interaction = store::find_interaction(ctx.db(), id, now_seconds());
  if (!interaction) {
    api_error(res, 404, "session.not_found",
              "This sign-in has expired or is finished; start again from the site.");
  }
  return interaction;
}

}  // namespace

void handle_get(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  auto interaction = bound_interaction(ctx, req, res);
  if (!interaction) return;
  const auto& p = interaction->params;
  auto app = store::find_application(ctx.db(), p["client_id"]);
  nlohmann::json body = {
      {"interactionId", interaction->id},
      {"application", {{"id", p["client_id"]}, {"name", app ? app->name : std::string()}}},
      {"prompt", p.value("prompt", "")}};
  for (const auto& [key, name] : {std::pair{"login_hint", "loginHint"},
                                  {"first_screen", "firstScreen"},
                                  {"identifier", "identifiers"},
                                  {"interaction_mode", "interactionMode"}}) {
    if (p.contains(key)) body[name] = p[key];
  }
  http::send_json(res, 200, body);
}

void handle_password(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
    return api_error(res, 415, "request.json_required", "Send the form as application/json.");
  }
  auto interaction = bound_interaction(ctx, req, res);
  if (!interaction) return;
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("identifier") ||
      !body["identifier"].is_string() || !body.contains("password") ||
      !body["password"].is_string()) {
    return api_error(res, 400, "request.invalid_body",
                     "Send {\"identifier\": string, \"password\": string}.");
  }
  auto user = store::find_user_by_identifier(ctx.db(), body["identifier"].get<std::string>());
  // Same answer and the same Argon2 work for an unknown user and a wrong password.
  bool ok = security::verify_password(body["password"].get<std::string>(),
                                      user ? user->password_hash : std::nullopt);
  if (!ok) {
    return api_error(res, 422, "session.invalid_credentials",
                     "The identifier or the password is wrong.");
  }
  int64_t now = now_seconds();
  auto session = store::create_session(ctx.db(), user->id, now);
  http::set_cookie(res, ctx, oidc::kSessionCookie,
                   security::sign_value(ctx.cookie_secret(), session.id), store::kSessionSeconds);
  std::string redirect_to =
      oidc::complete_authorization(ctx, interaction->params, user->id, now, now);
  store::delete_interaction(ctx.db(), interaction->id);
  http::send_json(res, 200, {{"redirectTo", redirect_to}});
}

}  // namespace provider::interaction
