// JWS compact parsing, key selection and signature verification (RSA, ECDSA) against a JWKS,
// and the ID-token claim checks. The input is a token, a newline, then a JWKS document: both
// come from the provider, so both are fuzzed.
#include "logto/encoding/json.hpp"
#include "logto/jose/jws.hpp"
#include "logto/jose/verify.hpp"
#include "logto/oidc/id_token.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto newline = text.find('\n');
  std::string_view token = text.substr(0, newline);
  logto::Json jwks = newline == std::string_view::npos
                         ? logto::Json::object()
                         : logto::Json::parse(text.substr(newline + 1));
  auto jws = logto::jose::parse_compact(token);
  if (jws.ok()) {
    (void)logto::jose::select_keys(*jws, jwks);
    (void)logto::jose::verify_signature(*jws, jwks);
  }
  auto payload = logto::jose::decode_payload(token);
  if (payload.ok()) {
    logto::oidc::IdTokenExpectations expect{"https://idp.example/oidc", "client", 1.7e9, 60};
    (void)logto::oidc::check_id_token_claims(*payload, expect);
    (void)logto::oidc::check_same_identity(*payload, jwks);
  }
  (void)logto::oidc::verify_id_token(std::string(token), jwks,
                                     {"https://idp.example/oidc", "client", 1.7e9, 60});
  return 0;
}
