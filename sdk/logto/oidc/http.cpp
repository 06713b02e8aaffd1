#include "logto/oidc/http.hpp"

#include "logto/encoding/json.hpp"
#include "logto/encoding/url.hpp"
#include "logto/errors.hpp"

namespace logto::oidc {
std::string HttpRequest::to_text() const {
  std::string out = cat("{\"method\":", json_text::quoted(method),
                        ",\"url\":", json_text::quoted(url), ",\"headers\":{");
  for (const auto& [name, value] : headers) {
    if (out.back() != '{') out += ',';
    append_to(out, json_text::quoted(name), ":", json_text::quoted(value));
  }
  out += "}";
  if (!body.empty()) append_to(out, ",\"body\":", json_text::quoted(body));
  if (!prefetch.empty()) append_to(out, ",\"prefetch\":", json_text::quoted(prefetch));
  out += '}';
  return out;
}

Result<Json> read_json(const HttpResponse& response, const std::string& url) {
  if (response.status == 0) {
    return network_error(response.network_error.empty() ? cat("Failed to fetch ", url)
                                                        : response.network_error);
  }
  const std::string status = json_text::number(response.status);
  const Json body = json_text::parse(response.body);
  if (response.ok()) {
    if (body.is_discarded()) {
      size_t first = response.body.find_first_not_of(" \t\r\n");
      bool html = first != std::string::npos && response.body[first] == '<';
      Json data = failure_data("response.not_json");
      data["status"] = response.status;
      return logto_error("unexpected_response_error",
                         cat("Expected JSON from ", url, ", got ",
                             html ? std::string("an HTML page")
                                  : cat(json_text::number(double(response.body.size())),
                                        " bytes that are not JSON"),
                             " (HTTP ", status, ")."),
                         std::move(data));
    }
    return body;
  }
  if (body.is_discarded()) {
    return request_error(response.status == 429 ? "rate_limited" : cat("http_error_", status),
                         response.body.empty() ? response.status_text : response.body,
                         response.status, nullptr);
  }
  if (body.is_object() && body["code"].is_string() && body["message"].is_string()) {
    return request_error(body["code"].as_string(), body["message"].as_string(), response.status,
                         Json(body));
  }
  return logto_error("unexpected_response_error", cat("HTTP ", status, " from ", url, "."),
                     Json(body));
}

bool is_oauth_error(const Error& e, const std::string& error) {
  if (e.error_class() == ErrorClass::LogtoRequestError) return e.code() == cat("oidc.", error);
  return e.code() == "unexpected_response_error" && e.data().is_object() &&
         e.data()["error"] == Json(error);
}

HttpRequest form_post(std::string_view url, std::string&& body) {
  HttpRequest r;
  r.method = "POST";
  r.url = url;
  r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  r.body = std::move(body);
  return r;
}

}  // namespace logto::oidc
