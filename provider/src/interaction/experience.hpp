// The JSON interaction API the sign-in pages talk to (in the spirit of Logto's experience
// API), documented in docs/provider.md. Every call must carry the signed interaction cookie
// set by /oidc/auth and a JSON body: a cross-site form can send neither, which is the CSRF
// defence.
//
//   GET  /api/experience/{id}            -> {interactionId, application, loginHint, ...}
//   POST /api/experience/{id}/password   {identifier, password} -> {redirectTo}
#pragma once

#include "context.hpp"

#include <httplib.h>

namespace provider::interaction {

void handle_get(Context& ctx, const httplib::Request& req, httplib::Response& res);
void handle_password(Context& ctx, const httplib::Request& req, httplib::Response& res);

// The sign-in page and its assets.
void handle_sign_in_page(Context& ctx, const httplib::Request& req, httplib::Response& res);
void handle_asset(const httplib::Request& req, httplib::Response& res);

}  // namespace provider::interaction
