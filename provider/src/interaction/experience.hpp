// The JSON interaction API the sign-in pages talk to (in the spirit of Logto's experience
// API), documented in docs/provider.md. Every call must carry the signed interaction cookie
// set by /oidc/auth; every POST a JSON body and the interaction's CSRF token in X-CSRF-Token.
//
//   GET  /api/experience/{id}            -> {interactionId, application, loginHint, ...}
//   POST /api/experience/{id}/password   {identifier, password} -> {redirectTo}
//   POST /api/experience/{id}/verification-code         {phone, flow?} -> {phone, resendAfter}
//   POST /api/experience/{id}/verification-code/verify  {phone, code, password?} -> {redirectTo}
#pragma once

#include "context.hpp"
#include "store/sessions.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <optional>

namespace provider::interaction {

// Every refusal here is a Problem (errors/problem.hpp), answered as {code, message, ...data}
// by the route (http/server.cpp).

// The interaction named in the path, if this browser started it; else 403/404 Problems.
store::Interaction bound_interaction(Context& ctx, const httplib::Request& req);
// The CSRF token of an interaction: an HMAC of its id under the provider's secret. The page
// carries it and every POST must send it as X-CSRF-Token.
std::string csrf_token(Context& ctx, const std::string& interaction_id);

// The JSON object body of a POST; 415/400 Problems otherwise.
nlohmann::json json_body(const httplib::Request& req);
// Signs the user in: session cookie, the code for the client, {redirectTo}.
void finish_sign_in(Context& ctx, httplib::Response& res, const store::Interaction& interaction,
                    const std::string& user_id);

void handle_send_code(Context& ctx, const httplib::Request& req, httplib::Response& res);
void handle_verify_code(Context& ctx, const httplib::Request& req, httplib::Response& res);
void handle_dev_inbox(Context& ctx, const httplib::Request& req, httplib::Response& res);

void handle_get(Context& ctx, const httplib::Request& req, httplib::Response& res);
void handle_password(Context& ctx, const httplib::Request& req, httplib::Response& res);

// The sign-in page and its assets.
void handle_sign_in_page(Context& ctx, const httplib::Request& req, httplib::Response& res);
// The sign-in page as `?settings=` (a sign-in experience, unsaved) would make it, in `?lang=`,
// inert: the Console's live preview, framed by the Console.
void handle_sign_in_preview(Context& ctx, const httplib::Request& req, httplib::Response& res);
void handle_asset(const httplib::Request& req, httplib::Response& res);

}  // namespace provider::interaction
