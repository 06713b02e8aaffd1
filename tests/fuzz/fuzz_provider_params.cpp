// The provider's reading of requests: query and form parameters with the edge checks, cookies
// and their signatures, the client address behind a proxy.
#include "config.hpp"
#include "context.hpp"
#include "errors/problem.hpp"
#include "http/input.hpp"
#include "http/util.hpp"
#include "limits/rate_limiter.hpp"
#include "security/hashing.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  httplib::Request req;
  req.method = size % 2 ? "POST" : "GET";
  req.body = text;
  req.target = "/oidc/auth?" + text;
  req.headers.emplace("Cookie", text);
  try {
    auto params = provider::http::request_params(req);
    // Whatever passed the edge checks can be written as JSON without throwing.
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, value] : params) out[name] = value;
    (void)out.dump();
  } catch (const provider::Problem& problem) {
    if (problem.status() != 400 || problem.code() != "invalid_request") std::abort();
  }
  for (const char* name : {"logto_session", "logto_interaction", "logto_lang"}) {
    if (auto value = provider::http::cookie(req, name)) {
      (void)provider::security::verify_signed_value("secret", *value);
    }
  }
  (void)provider::security::verify_signed_value("secret", text);
  (void)provider::limits::address_key(text);
  (void)provider::http::valid_utf8(text);
  return 0;
}
