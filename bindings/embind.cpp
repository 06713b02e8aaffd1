// The embind surface: free functions only. A client is a handle (a small integer) rather than
// an embind class, because class_ pulls embind's whole object model into the JavaScript glue
// (handles, smart pointers, up/down casts: 2.7 KB gzip of a 60 KB budget) and the SDK never
// needs it. The registry below is the only state, and it is glue, not protocol.
#include "browser_ports.hpp"
#include "core_client.hpp"
#include "logto/encoding/json.hpp"
#include "logto/list.hpp"

#include <emscripten/bind.h>

#include <memory>

namespace {

using logto::browser::CoreClient;

logto::List<std::unique_ptr<CoreClient>>& clients() {
  static logto::List<std::unique_ptr<CoreClient>> all;
  return all;
}

CoreClient* client(int handle) {
  auto& all = clients();
  return handle > 0 && size_t(handle) <= all.size() ? all[size_t(handle) - 1].get() : nullptr;
}

std::string no_client(int handle) {
  return logto::failed(
             logto::wasm_error("internal_error", logto::cat("No client with handle ",
                                                            logto::json_text::number(handle), ".")))
      .to_text(0);
}

// Never fails: an invalid config is reported by every operation of the client instead.
int create(const std::string& config_json) {
  // The browser's ports hold no state: one set serves every client.
  static logto::browser::WebStorage storage;
  static logto::browser::DateClock clock;
  static logto::browser::CryptoRandom random;
  clients().push_back(std::make_unique<CoreClient>(config_json, storage, clock, random));
  return int(clients().size());
}

void destroy(int handle) {
  if (client(handle)) clients()[size_t(handle) - 1].reset();
}

std::string start(int handle, const std::string& method, const std::string& args_json) {
  CoreClient* c = client(handle);
  return c ? c->start(method, args_json) : no_client(handle);
}

std::string resume(int handle, int op, int status, const std::string& body,
                   const std::string& error) {
  CoreClient* c = client(handle);
  return c ? c->resume(op, status, body, error) : no_client(handle);
}

void cancel(int handle, int op) {
  if (CoreClient* c = client(handle)) c->cancel(op);
}

}  // namespace

EMSCRIPTEN_BINDINGS(logto_core) {
  emscripten::function("create", &create);
  emscripten::function("destroy", &destroy);
  emscripten::function("start", &start);
  emscripten::function("resume", &resume);
  emscripten::function("cancel", &cancel);
}
