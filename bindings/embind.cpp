// The embind surface: the CoreClient class, and two pure helpers for tests and benchmarks.
#include "core_client.hpp"
#include "logto/encoding/json.hpp"
#include "logto/jose/jws.hpp"
#include "logto/jose/verify.hpp"
#include "logto/pkce/pkce.hpp"

#include <emscripten/bind.h>

namespace {

// The S256 challenge, or "" for a verifier outside RFC 7636 §4.1.
std::string code_challenge(const std::string& verifier) {
  auto challenge = logto::pkce::code_challenge(verifier);
  return challenge ? *challenge : std::string();
}

// Signature check alone (the benchmark of WASM against WebCrypto): true when a key of the
// JWKS verifies the token; false for any failure.
bool verify_jws(const std::string& token, const std::string& jwks_json) {
  auto jws = logto::jose::parse_compact(token);
  if (!jws) return false;
  auto lookup = logto::jose::verify_signature(*jws, logto::json_text::parse(jwks_json));
  return lookup && *lookup == logto::jose::KeyLookup::Found;
}

}  // namespace

EMSCRIPTEN_BINDINGS(logto_core) {
  using logto::browser::CoreClient;
  emscripten::class_<CoreClient>("CoreClient")
      .constructor<std::string>()
      .function("start", &CoreClient::start)
      .function("resume", &CoreClient::resume)
      .function("cancel", &CoreClient::cancel)
      .function("refreshLockName", &CoreClient::refresh_lock_name);
  emscripten::function("codeChallenge", &code_challenge);
  emscripten::function("verifyJws", &verify_jws);
}
