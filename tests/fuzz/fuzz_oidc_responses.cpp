// What the provider answers, as the SDK reads it: the discovery document, token responses
// (with and without an ID token) and the HTTP layer's JSON reading with any status.
#include "logto/encoding/json.hpp"
#include "logto/oidc/discovery.hpp"
#include "logto/oidc/http.hpp"
#include "logto/oidc/token_requests.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string body(reinterpret_cast<const char*>(data), size);
  logto::Json document = logto::Json::parse(body);
  (void)logto::oidc::parse_discovery(document);
  (void)logto::oidc::parse_token_response(document, true);
  (void)logto::oidc::parse_token_response(document, false);
  int status = size > 0 ? 100 + data[0] % 500 : 200;
  (void)logto::oidc::read_json(logto::oidc::HttpResponse(status, body), "https://idp.example/t");
  (void)logto::oidc::discovery_url(body);
  return 0;
}
