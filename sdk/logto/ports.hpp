// What the core needs from its host. The browser bindings implement these with
// localStorage/sessionStorage, Date.now and crypto.getRandomValues; tests use maps and fixed
// values. Nothing else in sdk/ touches the world.
#pragma once

#include "logto/result.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace logto {

enum class StorageScope { Local, Session };

class Storage {
 public:
  virtual ~Storage() = default;
  // Each fails with a storage_error when the host refuses (quota exceeded, storage disabled).
  virtual Result<std::optional<std::string>> get(StorageScope scope, const std::string& key) = 0;
  virtual Status set(StorageScope scope, const std::string& key, const std::string& value) = 0;
  virtual Status remove(StorageScope scope, const std::string& key) = 0;
};

class Clock {
 public:
  virtual ~Clock() = default;
  virtual double now_ms() = 0;  // milliseconds since the Unix epoch, like Date.now()
};

class Random {
 public:
  virtual ~Random() = default;
  // Fills `out` with `size` bytes from a CSPRNG; false when the host has none.
  [[nodiscard]] virtual bool fill(uint8_t* out, size_t size) = 0;
};

}  // namespace logto
