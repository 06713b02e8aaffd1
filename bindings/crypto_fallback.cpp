// The signature primitive for pages without `crypto.subtle` (plain http on a LAN host name,
// where browsers hide WebCrypto): mbedTLS in a module of its own, which the SDK imports only
// there, so a page on a secure origin never downloads it. The core chose the key and the
// algorithm; this only checks the signature.
#include "logto/client/operation.hpp"
#include "logto/encoding/base64url.hpp"
#include "logto/encoding/json.hpp"
#include "logto/jose/verify.hpp"

#include <emscripten/bind.h>

namespace {

// `check_json` is a signature step's check {alg, jwk, data, signature}. Answers with the
// status to resume with, then for kKeyUnusable why: "1", "0" or "2<reason>".
std::string verify_signature(const std::string& check_json) {
  logto::Json check = logto::json_text::parse(check_json);
  auto alg = logto::jose::find_algorithm(check["alg"].as_string());
  auto signature = logto::base64url::decode(check["signature"].as_string());
  if (!alg || !signature) return "2the signature step is malformed";
  auto verdict =
      logto::jose::check_signature(*alg, check["jwk"], check["data"].as_string(), *signature);
  auto status = [](int s) { return std::string(1, char('0' + s)); };
  if (!verdict) return status(logto::kKeyUnusable) + verdict.error().message();
  return status(*verdict ? logto::kSignatureValid : logto::kSignatureInvalid);
}

}  // namespace

EMSCRIPTEN_BINDINGS(logto_crypto) {
  emscripten::function("verifySignature", &verify_signature);
}
