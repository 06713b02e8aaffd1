// embind surface of the core. The JS package (issue 3) grows this into the full client; for
// now it exposes the pure helpers the loader tests exercise.
#include "logto/pkce/pkce.hpp"

#include <emscripten/bind.h>

#include <string>

namespace {

std::string code_challenge(const std::string& verifier) {
  return logto::pkce::code_challenge(verifier);
}

}  // namespace

EMSCRIPTEN_BINDINGS(logto_core) {
  emscripten::function("codeChallenge", &code_challenge);
}
