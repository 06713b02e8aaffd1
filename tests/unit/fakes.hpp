// Test doubles for the core's ports, and helpers to assert typed errors.
#pragma once

#include "logto/errors.hpp"
#include "logto/ports.hpp"

#include <doctest/doctest.h>

#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace test {

class MapStorage : public logto::Storage {
 public:
  std::map<std::string, std::string> local, session;
  std::vector<std::string> writes;  // "set local key" / "remove session key", in order
  bool fail_writes = false;

  bool fail_reads = false;

  logto::Result<std::optional<std::string>> get(logto::StorageScope s,
                                                const std::string& k) override {
    if (fail_reads) return logto::storage_error(k, "SecurityError: storage is disabled", "read");
    auto& m = s == logto::StorageScope::Local ? local : session;
    auto it = m.find(k);
    if (it == m.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }
  logto::Status set(logto::StorageScope s, const std::string& k, const std::string& v) override {
    if (fail_writes) return logto::storage_error(k, "QuotaExceededError");
    writes.push_back(std::string("set ") + name(s) + " " + k);
    (s == logto::StorageScope::Local ? local : session)[k] = v;
    return {};
  }
  logto::Status remove(logto::StorageScope s, const std::string& k) override {
    writes.push_back(std::string("remove ") + name(s) + " " + k);
    (s == logto::StorageScope::Local ? local : session).erase(k);
    return {};
  }

 private:
  static const char* name(logto::StorageScope s) {
    return s == logto::StorageScope::Local ? "local" : "session";
  }
};

class FixedClock : public logto::Clock {
 public:
  double ms = 1'700'000'000'000.0;
  double now_ms() override { return ms; }
};

// Deterministic bytes (xorshift64*): reproducible keys and verifiers. Test-only, not a CSPRNG.
class SeededRandom : public logto::Random {
 public:
  explicit SeededRandom(uint64_t seed = 0x9E3779B97F4A7C15ull) : state_(seed) {}
  std::vector<uint8_t> next_bytes;  // when set, served first (for RFC vectors)
  bool available = true;            // false: the host has no secure random source
  bool fill(uint8_t* out, size_t size) override {
    if (!available) return false;
    for (size_t i = 0; i < size; ++i) {
      if (!next_bytes.empty()) {
        out[i] = next_bytes.front();
        next_bytes.erase(next_bytes.begin());
        continue;
      }
      state_ ^= state_ >> 12;
      state_ ^= state_ << 25;
      state_ ^= state_ >> 27;
      out[i] = uint8_t((state_ * 0x2545F4914F6CDD1Dull) >> 56);
    }
    return true;
  }

 private:
  uint64_t state_;
};

// Runs `f`, expecting a logto::Error of `code`; returns it for further checks.
inline logto::Error expect_error(const std::function<void()>& f, const std::string& code) {
  try {
    f();
  } catch (const logto::Error& e) {
    CHECK_MESSAGE(e.code() == code, "got " << e.code() << ": " << e.what());
    return e;
  }
  FAIL("expected logto::Error " << code << ", nothing was thrown");
  return logto::logto_error("unreachable");
}

}  // namespace test
