#include "logto/oidc/http.hpp"

#include "logto/encoding/json.hpp"
#include "logto/encoding/url.hpp"
#include "logto/errors.hpp"

namespace logto::oidc {
namespace {

std::string snippet(const std::string& body) {
  constexpr size_t kMax = 200;
  return body.size() <= kMax ? body : body.substr(0, kMax) + "...";
}

}  // namespace

std::string HttpRequest::to_text() const {
  std::string out = "{\"method\":" + json_text::quote(method) +
                    ",\"url\":" + json_text::quote(url) + ",\"headers\":{";
  for (const auto& [name, value] : headers) {
    if (out.back() != '{') out += ',';
    out += json_text::quote(name) + ":" + json_text::quote(value);
  }
  out += "}";
  if (!body.empty()) out += ",\"body\":" + json_text::quote(body);
  return out + "}";
}

Result<Json> read_json(const HttpResponse& response, const std::string& url) {
  if (response.status == 0) {
    return network_error(response.network_error.empty() ? "Failed to fetch " + url
                                                        : response.network_error);
  }
  const Json body = json_text::parse(response.body);
  if (response.ok()) {
    if (body.is_discarded()) {
      return logto_error("unexpected_response_error",
                         "Expected JSON from " + url + ", got: " + snippet(response.body),
                         response.body);
    }
    return body;
  }
  if (!body.is_discarded() && body.is_object()) {
    if (body["code"].is_string() && body["message"].is_string()) {
      return request_error(body["code"].as_string(), body["message"].as_string(), response.status,
                           body);
    }
    if (body["error"].is_string()) {
      std::string error = body["error"].as_string();
      std::string description =
          body["error_description"].is_string() ? body["error_description"].as_string() : error;
      return request_error("oidc." + error, description, response.status, body);
    }
  }
  return logto_error(
      "unexpected_response_error",
      "HTTP " + json_text::number(response.status) + " from " + url + ": " + snippet(response.body),
      body.is_discarded() ? Json(response.body) : body);
}

HttpRequest form_post(const std::string& url,
                      const std::vector<std::pair<std::string, std::string>>& fields) {
  HttpRequest r;
  r.method = "POST";
  r.url = url;
  r.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
  r.body = url::serialize(fields);
  return r;
}

}  // namespace logto::oidc
