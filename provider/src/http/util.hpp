// Small HTTP helpers shared by the handlers: JSON and HTML answers, OAuth error bodies,
// cookies, form bodies, CORS.
#pragma once

#include "context.hpp"
#include "logto/encoding/url.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace provider::http {

void send_json(httplib::Response& res, int status, const nlohmann::json& body);
// RFC 6749 §5.2: {error, error_description}, never cached.
void send_oauth_error(httplib::Response& res, int status, const std::string& error,
                      const std::string& description);
// A complete HTML page: the template `content` (provider/assets/templates/, every value escaped
// unless marked safe; http/template.hpp) rendered with `values` inside layout.html.
// `framed_by_self`: the page may be shown in a frame of this origin (the Console's preview);
// otherwise no one may frame it.
void send_page(httplib::Response& res, int status, const std::string& title,
               const std::string& content, const nlohmann::json& values,
               const std::string& lang = "en", bool framed_by_self = false);
// A page of a heading and paragraphs (an error, a notice), through message.html.
void send_message_page(httplib::Response& res, int status, const std::string& title,
                       const std::string& heading, const std::vector<std::string>& paragraphs,
                       const std::string& lang = "en", bool framed_by_self = false);
void redirect(httplib::Response& res, const std::string& location);

std::string html_escape(const std::string& text);
// JSON placed inside a <script type="application/json">: "<" written as \u003c so no value
// can end the element.
std::string script_safe_json(const nlohmann::json& value);

// Parameters of a GET query or a form POST body (application/x-www-form-urlencoded).
// Throws a 400 invalid_request Problem naming the parameter when one is repeated (RFC 6749
// §3.1; `resource` may repeat), is not valid UTF-8, holds a NUL or is too long, or when there
// are too many (http/input.hpp).
logto::url::Params request_params(const httplib::Request& req);

std::optional<std::string> cookie(const httplib::Request& req, const std::string& name);
// HttpOnly, SameSite=Lax, Path=/; Secure when the public URL is https.
void set_cookie(httplib::Response& res, const Context& ctx, const std::string& name,
                const std::string& value, int64_t max_age_seconds);
void clear_cookie(httplib::Response& res, const Context& ctx, const std::string& name);

// Adds CORS headers when the Origin is one of the registered applications' redirect-URI
// origins; returns false (and adds nothing) for any other origin.
bool apply_cors(const httplib::Request& req, httplib::Response& res, Context& ctx);

}  // namespace provider::http
