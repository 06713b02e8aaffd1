// One LogtoClient's core, as JavaScript sees it. Every value crosses the boundary as a JSON
// string, which keeps the embind surface (and its glue code) to a handful of functions.
//
//   start(method, argsJson) -> step           the first effect of an operation
//   resume(op, status, body, error) -> step   after a fetch / navigate / lock
//   cancel(op)                             the host gave up (page unloading, thrown JS)
//
// A step is {"op": id, "type": "fetch"|"navigate"|"lock"|"done"|"failed", ...}; finished
// operations are forgotten as soon as their last step is returned.
#pragma once

#include "logto/client/client.hpp"
#include "logto/list.hpp"
#include "logto/ports.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace logto::browser {

class CoreClient {
 public:
  // Never throws: an invalid config is reported by every operation instead, so the JS
  // constructor stays synchronous and side-effect free, as @logto/browser's is. The ports are
  // the browser's (browser_ports.hpp) or a test's.
  CoreClient(const std::string& config_json, Storage& storage, Clock& clock, Random& random);

  std::string start(const std::string& method, const std::string& args_json);
  std::string resume(int op, int status, const std::string& body, const std::string& error);
  void cancel(int op);

 private:
  using Running = List<std::pair<int, Operation>>;  // few at a time: a list will do
  Running::iterator find(int op);
  std::string report(Running::iterator it);

  std::unique_ptr<Client> client_;
  Status config_error_;  // ok: the config was accepted
  Running operations_;
  int next_op_ = 1;
};

}  // namespace logto::browser
