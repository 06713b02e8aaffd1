// /oidc/auth (GET and POST): validates the authorization request, then either completes it
// at once (a session exists and prompt is not `login`) or starts an interaction and sends the
// browser to the sign-in page.
#pragma once

#include "context.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <string>

namespace provider::oidc {

constexpr const char* kSessionCookie = "logto_session";
constexpr const char* kInteractionCookie = "logto_interaction";

void handle_authorize(Context& ctx, const httplib::Request& req, httplib::Response& res);

// Issues the code for a finished interaction and returns the client's redirect URL
// (redirect_uri?code=…&state=…&iss=…, RFC 9207).
std::string complete_authorization(Context& ctx, const nlohmann::json& params,
                                   const std::string& user_id, int64_t auth_time, int64_t now);

// The user signed in to this browser, from the signed session cookie.
std::optional<std::string> session_id(Context& ctx, const httplib::Request& req);

}  // namespace provider::oidc
