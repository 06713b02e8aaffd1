// The signature and SHA-256 primitives for pages without `crypto.subtle` (plain http on a LAN
// host name, where browsers hide WebCrypto): mbedTLS in a module of its own, which the SDK
// imports only there, so a page on a secure origin never downloads it. The core chose the key
// and the algorithm, and checks the digest it asked for; this only computes them.
#include "logto/client/operation.hpp"
#include "logto/crypto/digest.hpp"
#include "logto/encoding/base64url.hpp"
#include "logto/encoding/json.hpp"
#include "logto/jose/verify.hpp"
#include "logto/pkce/pkce.hpp"

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

// A digest step's answer: base64url of SHA-256 over the text's UTF-8 bytes.
std::string sha256(const std::string& text) {
  return logto::base64url::encode(logto::crypto::sha256(text));
}

// generateCodeChallenge's S256, or "" for a verifier outside RFC 7636 §4.1.
std::string code_challenge(const std::string& verifier) {
  auto challenge = logto::pkce::code_challenge(verifier);
  return challenge ? *challenge : std::string();
}

}  // namespace

EMSCRIPTEN_BINDINGS(logto_crypto) {
  emscripten::function("verifySignature", &verify_signature);
  emscripten::function("sha256", &sha256);
  emscripten::function("codeChallenge", &code_challenge);
}
