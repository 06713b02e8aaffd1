// URL and query parsing (the callback URL the browser returns to, form bodies, discovery's
// endpoints), and the callback check itself.
#include "logto/encoding/url.hpp"
#include "logto/oidc/callback.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto url = logto::url::parse(text);
  auto params = logto::url::parse_query(text);
  // What serialize writes, parse_query reads back as the same pairs.
  if (logto::url::parse_query(logto::url::serialize(params)) != params) std::abort();
  if (logto::url::form_decode(logto::url::form_encode(text)) != text) std::abort();
  (void)logto::url::append_path("https://example.com/base", text);
  const std::string redirect_uri = "https://app.example/callback", state = "state123",
                    issuer = "https://idp.example/oidc";
  logto::oidc::CallbackExpectations expect{redirect_uri, state, issuer, size % 2 == 0};
  (void)logto::oidc::verify_and_parse_code(text, expect);
  (void)url;
  return 0;
}
