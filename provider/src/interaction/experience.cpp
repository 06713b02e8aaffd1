#include "interaction/experience.hpp"

#include "http/input.hpp"
#include "http/util.hpp"
#include "interaction/guess_limits.hpp"
#include "logto/encoding/base64url.hpp"
#include "oidc/authorize.hpp"
#include "security/hashing.hpp"
#include "security/password.hpp"
#include "security/phone.hpp"
#include "store/applications.hpp"
#include "store/connectors.hpp"
#include "store/errors.hpp"
#include "store/sessions.hpp"
#include "store/users.hpp"

namespace provider::interaction {

std::string csrf_token(Context& ctx, const std::string& interaction_id) {
  return logto::base64url::encode(
      security::hmac_sha256(ctx.cookie_secret(), "csrf:" + interaction_id));
}

nlohmann::json json_body(const httplib::Request& req) {
  if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
    throw Problem(415, "request.json_required", "Send the form as application/json.");
  }
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    throw Problem(400, "request.invalid_body", "The body must be a JSON object (in UTF-8).");
  }
  if (auto problem = http::json_problem(body, http::kMaxJsonStringBytes)) {
    throw Problem(400, "request.invalid_body", *problem);
  }
  return body;
}

void finish_sign_in(Context& ctx, httplib::Response& res, const store::Interaction& interaction,
                    const std::string& user_id) {
  int64_t now = now_seconds();
  if (!store::delete_interaction(ctx.db(), interaction.id)) {
    throw Problem(404, "session.not_found",
                  "This sign-in has expired or is finished; start again from the site.");
  }
  auto session = store::create_session(ctx.db(), user_id, now, ctx.config().session_ttl);
  http::set_cookie(res, ctx, oidc::kSessionCookie,
                   security::sign_value(ctx.cookie_secret(), session.id), ctx.config().session_ttl);
  std::string redirect_to =
      oidc::complete_authorization(ctx, interaction.params, user_id, now, now);
  http::send_json(res, 200, {{"redirectTo", redirect_to}});
}

store::Interaction bound_interaction(Context& ctx, const httplib::Request& req) {
  std::string id = req.matches.size() > 1 ? std::string(req.matches[1]) : std::string();
  auto raw = http::cookie(req, oidc::kInteractionCookie);
  std::string bound = raw ? security::verify_signed_value(ctx.cookie_secret(), *raw) : "";
  if (bound.empty() || !security::constant_time_equal(bound, id)) {
    throw Problem(403, "session.interaction_not_bound",
                  "This sign-in was not started in this browser; start again from the site.");
  }
  auto interaction = store::find_interaction(ctx.db(), id, now_seconds());
  if (!interaction) {
    throw Problem(404, "session.not_found",
                  "This sign-in has expired or is finished; start again from the site.");
  }
  if (req.method == "POST" &&
      !security::constant_time_equal(req.get_header_value("X-CSRF-Token"), csrf_token(ctx, id))) {
    throw Problem(403, "session.csrf_token_mismatch",
                  "The form is missing its security token; reload the page and try again.");
  }
  return *interaction;
}

void handle_get(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  auto interaction = bound_interaction(ctx, req);
  const auto& p = interaction.params;
  auto app = store::find_application(ctx.db(), p["client_id"]);
  nlohmann::json body = {
      {"interactionId", interaction.id},
      {"application", {{"id", p["client_id"]}, {"name", app ? app->name : std::string()}}},
      {"prompt", p.value("prompt", "")},
      {"csrfToken", csrf_token(ctx, interaction.id)},
      {"settings", store::experience_settings(ctx.db())}};
  for (const auto& [key, name] : {std::pair{"login_hint", "loginHint"},
                                  {"first_screen", "firstScreen"},
                                  {"identifier", "identifiers"},
                                  {"interaction_mode", "interactionMode"}}) {
    if (p.contains(key)) body[name] = p[key];
  }
  http::send_json(res, 200, body);
}

void handle_password(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  // The body first: a cross-site form (not JSON) is refused before anything else is looked at.
  auto body = json_body(req);
  auto interaction = bound_interaction(ctx, req);
  if (!body.contains("identifier") || !body["identifier"].is_string() ||
      !body.contains("password") || !body["password"].is_string()) {
    throw Problem(400, "request.invalid_body",
                  "Send {\"identifier\": string, \"password\": string}.");
  }
  std::string identifier = body["identifier"].get<std::string>();
  // A phone number in any common form finds its user; anything else is a username.
  if (!identifier.empty() &&
      (identifier[0] == '+' || std::isdigit(static_cast<unsigned char>(identifier[0])))) {
    try {
      identifier = security::normalize_phone(identifier, ctx.config().phone_region);
    } catch (const store::InvalidInput&) {
      // Not a phone number after all: look it up as typed (and fail like any unknown user).
    }
  }
  auto user = store::find_user_by_identifier(ctx.db(), identifier);
  std::string account =
      store::account_key(user ? std::optional<std::string>(user->id) : std::nullopt, identifier);
  auto ticket = reserve_guess(ctx, req, account);
  // Same answer and the same Argon2 work for an unknown user and a wrong password.
  bool ok = security::verify_password(body["password"].get<std::string>(),
                                      user ? user->password_hash : std::nullopt);
  if (!ok) {
    store::record_failure(ctx.db(), ticket);
    throw Problem(422, "session.invalid_credentials", "The identifier or the password is wrong.");
  }
  store::forgive(ctx.db(), ticket, account);
  finish_sign_in(ctx, res, interaction, user->id);
}

}  // namespace provider::interaction
