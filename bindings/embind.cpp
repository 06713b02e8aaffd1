// The embind surface: the CoreClient class and one pure helper for tests.
#include "core_client.hpp"
#include "logto/pkce/pkce.hpp"

#include <emscripten/bind.h>

namespace {

std::string code_challenge(const std::string& verifier) {
  return logto::pkce::code_challenge(verifier);
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
}
