// The core's ports in a browser: localStorage/sessionStorage, Date.now and
// crypto.getRandomValues. Every JavaScript call is wrapped in try/catch on the JS side, so a
// refused write (quota, storage disabled) comes back as a typed logto::Error instead of a JS
// exception unwinding through WebAssembly frames.
#pragma once

#include "logto/ports.hpp"

namespace logto::browser {

// Without `window` (server-side rendering, Node) reads return nothing and writes do nothing,
// as @logto/browser's BrowserStorage does, so importing the SDK there never crashes.
class WebStorage final : public Storage {
 public:
  Result<std::optional<std::string>> get(StorageScope scope, const std::string& key) override;
  Status set(StorageScope scope, const std::string& key, const std::string& value) override;
  Status remove(StorageScope scope, const std::string& key) override;
};

class DateClock final : public Clock {
 public:
  double now_ms() override;
};

class CryptoRandom final : public Random {
 public:
  bool fill(uint8_t* out, size_t size) override;
};

}  // namespace logto::browser
