// Passwordless phone sign-in, registration and password reset through one-time SMS codes.
#include "connectors/sms_connector.hpp"
#include "http/rate_limits.hpp"
#include "http/util.hpp"
#include "interaction/experience.hpp"
#include "interaction/guess_limits.hpp"
#include "limits/rate_limiter.hpp"
#include "security/password.hpp"
#include "security/phone.hpp"
#include "store/connectors.hpp"
#include "store/errors.hpp"
#include "store/users.hpp"
#include "store/verification_codes.hpp"

#include <iostream>

namespace provider::interaction {
namespace {

std::string phone_from(Context& ctx, const nlohmann::json& body) {
  if (!body.contains("phone") || !body["phone"].is_string()) {
    throw Problem(400, "phone.invalid", "Enter your phone number.", {{"field", "phone"}});
  }
  try {
    return security::normalize_phone(body["phone"].get<std::string>(), ctx.config().phone_region);
  } catch (const store::InvalidInput& e) {
    throw Problem(400, e.code(), e.what(), {{"field", "phone"}});
  }
}

struct PhoneRequest {
  store::Interaction interaction;
  nlohmann::json body;
  std::string phone;  // E.164
};

// The bound interaction, the JSON body and its normalised phone (or a Problem).
PhoneRequest phone_request(Context& ctx, const httplib::Request& req) {
  auto body = json_body(req);  // first, as in handle_password
  auto interaction = bound_interaction(ctx, req);
  std::string phone = phone_from(ctx, body);
  return PhoneRequest{std::move(interaction), std::move(body), std::move(phone)};
}

}  // namespace

void handle_send_code(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  auto request = phone_request(ctx, req);
  const auto& interaction = request.interaction;
  const auto& body = request.body;
  const std::string& phone = request.phone;
  const auto flow_value = body.contains("flow") ? body["flow"] : nlohmann::json("SignIn");
  std::string flow = flow_value.is_string() ? flow_value.get<std::string>() : "";
  if (flow != "SignIn" && flow != "Register" && flow != "ForgotPassword") {
    throw Problem(400, "request.invalid_body", "flow must be SignIn, Register or ForgotPassword.");
  }
  auto settings = store::experience_settings(ctx.db());
  std::string mode = settings["signInMode"];
  if (flow == "Register" && mode == "SignIn") {
    throw Problem(403, "user.registration_disabled", "Registration is turned off.");
  }
  auto user = store::find_user_by_identifier(ctx.db(), phone);
  // The code's usage, or "" when nothing may be delivered. The answer is the same either way,
  // so it never tells whether a number is registered.
  std::string usage;
  if (flow == "ForgotPassword") {
    usage = user ? "ForgotPassword" : "";
  } else if (user) {
    usage = mode == "Register" ? "" : "SignIn";
  } else {
    usage = mode == "SignIn" ? "" : "Register";
  }

  auto connector = ctx.sms_connector();
  if (!connector) {
    std::cerr << "[provider] no SMS connector: configure one with 'connector set twilio'"
              << std::endl;
    throw Problem(503, "connector.not_configured", "We could not send the code. Try again later.");
  }
  int64_t now = now_seconds();
  auto reservation =
      store::reserve_send(ctx.db(), phone, limits::address_key(http::client_ip(ctx, req)), now,
                          {ctx.config().sms_resend_interval, ctx.config().sms_limit_window});
  const auto& limit = reservation.limit;
  if (!limit.allowed) {
    throw Problem(429, "verification_code.too_many_requests", limit.reason)
        .retry_in(limit.retry_after);
  }
  if (usage.empty()) {
    // Nothing may be delivered: a decoy code, never sent, takes its place, so that verifying
    // answers exactly as for a number whose code was sent (mismatch, attempts counted).
    store::create_verification_code(ctx.db(), ctx.cookie_secret(), interaction.id, phone,
                                    store::kDecoyUsage, now, ctx.config().verification_code_ttl);
  } else {
    std::string code =
        store::create_verification_code(ctx.db(), ctx.cookie_secret(), interaction.id, phone, usage,
                                        now, ctx.config().verification_code_ttl);
    try {
      // Outside any transaction: a Twilio answer that hangs delays only this person.
      connector->send(phone, *connectors::parse_usage(usage), code);
    } catch (const connectors::ConnectorError& e) {
      // The admin's detail goes to the log; the person sees a plain retry message, and a
      // failed send does not count against their limits.
      store::delete_verification_code(ctx.db(), interaction.id, phone);
      store::release_send(ctx.db(), reservation.id);
      std::cerr << "[provider] SMS to " << phone << " failed: " << e.what() << std::endl;
      throw Problem(502, "connector.send_failed", "We could not send the code. Try again later.");
    }
  }
  http::send_json(res, 200, {{"phone", phone}, {"resendAfter", ctx.config().sms_resend_interval}});
}

void handle_verify_code(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  auto request = phone_request(ctx, req);
  const auto& interaction = request.interaction;
  const auto& body = request.body;
  const std::string& phone = request.phone;
  if (!body.contains("code") || !body["code"].is_string()) {
    throw Problem(400, "verification_code.required", "Enter the code we sent you.",
                  {{"field", "code"}});
  }
  std::optional<std::string> password;
  if (body.contains("password") && body["password"].is_string()) {
    password = body["password"].get<std::string>();
    if (auto problem = security::password_problem(*password)) {
      throw Problem(400, "user.weak_password", *problem, {{"field", "password"}});
    }
  }
  auto settings = store::experience_settings(ctx.db());
  auto user = store::find_user_by_identifier(ctx.db(), phone);
  std::string account =
      store::account_key(user ? std::optional<std::string>(user->id) : std::nullopt, phone);
  auto ticket = reserve_guess(ctx, req, account);
  auto result = store::check_verification_code(ctx.db(), ctx.cookie_secret(), interaction.id, phone,
                                               body["code"].get<std::string>(), now_seconds());
  if (result.check != store::CodeCheck::Ok) store::record_failure(ctx.db(), ticket);
  switch (result.check) {
    case store::CodeCheck::Wrong:
      throw Problem(422, "verification_code.mismatch", "The code is not right.",
                    {{"field", "code"}, {"remainingAttempts", result.remaining_attempts}});
    case store::CodeCheck::Expired:
      throw Problem(422, "verification_code.expired", "The code has expired; ask for a new one.",
                    {{"field", "code"}});
    case store::CodeCheck::Burned:
      throw Problem(422, "verification_code.exceeded_attempts",
                    "Too many wrong codes; ask for a new one.", {{"field", "code"}});
    case store::CodeCheck::None:
      throw Problem(422, "verification_code.not_found",
                    "No code is waiting for this number; ask for one.", {{"field", "code"}});
    case store::CodeCheck::Ok:
      break;
  }
  store::forgive(ctx.db(), ticket, account);
  // The phone is proven; only now may a password be asked for (the code stays valid
  // meanwhile), so the answer never tells whether a number is registered.
  bool needs_password = (result.usage == "Register" && settings["signUp"]["password"] == true) ||
                        result.usage == "ForgotPassword";
  if (needs_password && !password) {
    throw Problem(400, "password.required",
                  result.usage == "Register" ? "Choose a password for your account."
                                             : "Choose a new password.",
                  {{"field", "password"}});
  }
  if (!store::consume_verification_code(ctx.db(), result.id)) {
    throw Problem(422, "verification_code.not_found",
                  "No code is waiting for this number; ask for one.", {{"field", "code"}});
  }
  user = store::find_user_by_identifier(ctx.db(), phone);  // again: it may have changed
  if (result.usage == "Register") {
    if (user) return finish_sign_in(ctx, res, interaction, user->id);  // registered meanwhile
    store::UserInput in;
    in.phone = phone;
    in.phone_verified = true;
    in.password = password;
    try {
      auto created = store::create_user(ctx.db(), in);
      return finish_sign_in(ctx, res, interaction, created.id);
    } catch (const store::InvalidInput& e) {
      // Registered by another sign-in between the lookup and the insert: that is this person.
      if (e.code() != "user.phone_taken") throw;
      user = store::find_user_by_identifier(ctx.db(), phone);
      if (!user) throw;
      return finish_sign_in(ctx, res, interaction, user->id);
    }
  }
  if (!user) {
    throw Problem(422, "verification_code.not_found",
                  "No code is waiting for this number; ask for one.", {{"field", "code"}});
  }
  if (result.usage == "ForgotPassword") {
    store::set_user_password(ctx.db(), user->id, *password);
  }
  finish_sign_in(ctx, res, interaction, user->id);
}

void handle_dev_inbox(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!ctx.config().dev) {
    res.status = 404;
    return;
  }
  if (req.get_header_value("Accept").find("application/json") != std::string::npos) {
    // ?to=+E164 keeps one number's messages (tests and the bench read their own code).
    auto messages = ctx.dev_inbox().messages();
    if (req.has_param("to")) {
      auto mine = nlohmann::json::array();
      for (const auto& m : messages) {
        if (m.value("to", "") == req.get_param_value("to")) mine.push_back(m);
      }
      messages = mine;
    }
    return http::send_json(res, 200, messages);
  }
  http::send_page(res, 200, "Dev SMS inbox", "dev-inbox.html",
                  {{"messages", ctx.dev_inbox().messages()}});
}

}  // namespace provider::interaction
