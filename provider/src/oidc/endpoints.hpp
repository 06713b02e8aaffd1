// The OIDC endpoints besides /oidc/auth, each a function of (context, request, response).
#pragma once

#include "context.hpp"

#include <httplib.h>

namespace provider::oidc {

void handle_discovery(Context& ctx, const httplib::Request& req, httplib::Response& res);
void handle_jwks(Context& ctx, const httplib::Request& req, httplib::Response& res);
void handle_token(Context& ctx, const httplib::Request& req, httplib::Response& res);
void handle_userinfo(Context& ctx, const httplib::Request& req, httplib::Response& res);
void handle_end_session(Context& ctx, const httplib::Request& req, httplib::Response& res);
void handle_revocation(Context& ctx, const httplib::Request& req, httplib::Response& res);
// CORS preflight for the endpoints browsers call with fetch.
void handle_preflight(Context& ctx, const httplib::Request& req, httplib::Response& res);

}  // namespace provider::oidc
