#include "http/util.hpp"

#include "errors/problem.hpp"
#include "http/input.hpp"
#include "http/template.hpp"

#include "store/applications.hpp"

#include <algorithm>

namespace provider::http {

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json");
}

void send_oauth_error(httplib::Response& res, int status, const std::string& error,
                      const std::string& description) {
  send_json(res, status, {{"error", error}, {"error_description", description}});
}

std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string script_safe_json(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  for (char c : text) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

void send_page(httplib::Response& res, int status, const std::string& title,
               const std::string& content, const nlohmann::json& values, const std::string& lang,
               bool framed_by_self) {
  // Rendered first: a template error is a 500 from the handler guard, not half a page.
  std::string page =
      render("layout.html",
             {{"lang", lang}, {"title", title}, {"content", safe_html(render(content, values))}});
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Security-Policy",
                 std::string("default-src 'none'; style-src 'self'; script-src 'self'; "
                             "connect-src 'self'; img-src 'self' data:; form-action 'self'; "
                             "frame-ancestors ") +
                     (framed_by_self ? "'self'" : "'none'") + "; base-uri 'none'");
  res.set_header("X-Frame-Options", framed_by_self ? "SAMEORIGIN" : "DENY");
  res.set_content(page, "text/html; charset=utf-8");
}

void send_message_page(httplib::Response& res, int status, const std::string& title,
                       const std::string& heading, const std::vector<std::string>& paragraphs,
                       const std::string& lang, bool framed_by_self) {
  send_page(res, status, title, "message.html", {{"heading", heading}, {"paragraphs", paragraphs}},
            lang, framed_by_self);
}

void redirect(httplib::Response& res, const std::string& location) {
  res.status = 303;
  res.set_header("Location", location);
  res.set_header("Cache-Control", "no-store");
}

logto::url::Params request_params(const httplib::Request& req) {
  std::string text;
  if (req.method == "POST") {
    text = req.body;
  } else {
    auto q = req.target.find('?');
    if (q != std::string::npos) text = req.target.substr(q + 1);
  }
  auto params = logto::url::parse_query(text);
  if (params.size() > kMaxParams) {
    throw Problem(400, "invalid_request",
                  "The request has more than " + std::to_string(kMaxParams) + " parameters.");
  }
  for (const auto& [name, value] : params) {
    if (auto bad = text_problem("The parameter name", name, kMaxParamNameBytes)) {
      throw Problem(400, "invalid_request", *bad);
    }
    if (auto bad = text_problem("The parameter " + name, value, kMaxParamBytes)) {
      throw Problem(400, "invalid_request", *bad);
    }
  }
  for (size_t i = 0; i < params.size(); ++i) {
    for (size_t j = i + 1; j < params.size(); ++j) {
      // `resource` may repeat (RFC 8707); nothing else may.
      if (params[i].first == params[j].first && params[i].first != "resource") {
        throw Problem(400, "invalid_request", "The parameter " + params[i].first + " is repeated.");
      }
    }
  }
  return params;
}

std::optional<std::string> cookie(const httplib::Request& req, const std::string& name) {
  std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    size_t start = part.find_first_not_of(' ');
    if (start != std::string::npos) part = part.substr(start);
    if (part.compare(0, name.size() + 1, name + "=") == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return std::nullopt;
}

void set_cookie(httplib::Response& res, const Context& ctx, const std::string& name,
                const std::string& value, int64_t max_age_seconds) {
  bool secure = ctx.config().public_url.rfind("https://", 0) == 0;
  res.set_header("Set-Cookie", name + "=" + value + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                                   std::to_string(max_age_seconds) + (secure ? "; Secure" : ""));
}

void clear_cookie(httplib::Response& res, const Context& ctx, const std::string& name) {
  set_cookie(res, ctx, name, "", 0);
}

bool apply_cors(const httplib::Request& req, httplib::Response& res, Context& ctx) {
  std::string origin = req.get_header_value("Origin");
  if (origin.empty()) return false;
  auto origins = store::allowed_origins(ctx.db());
  res.set_header("Vary", "Origin");
  if (std::find(origins.begin(), origins.end(), origin) == origins.end()) return false;
  res.set_header("Access-Control-Allow-Origin", origin);
  res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  res.set_header("Access-Control-Allow-Headers", "Authorization, Content-Type");
  res.set_header("Access-Control-Max-Age", "600");
  return true;
}

}  // namespace provider::http
