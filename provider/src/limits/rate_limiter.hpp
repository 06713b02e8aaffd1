// Request counts per key (a client IP, an application) in fixed windows of 60 s, kept in
// memory: they guard against floods, and a restart forgetting them costs an attacker nothing
// it could not get by waiting a minute. Sharded so that concurrent requests for different keys
// rarely meet on a lock; each check-and-count is atomic under its shard's lock, so N
// concurrent requests against a limit L admit exactly min(N, L).
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace provider::limits {

constexpr int64_t kWindowSeconds = 60;

struct Admission {
  bool allowed = true;
  int64_t retry_after = 0;  // seconds until the key's window ends, when refused
};

class RateLimiter {
 public:
  // Counts one request for `key` and says whether it is within `per_window` (0: no limit,
  // nothing counted).
  Admission admit(const std::string& key, int per_window, int64_t now);
  // Forgets windows that ended; the sweeper calls it so memory follows live keys only.
  size_t forget_ended(int64_t now);
  size_t size();

 private:
  struct Window {
    int64_t start = 0;
    int count = 0;
  };
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, Window> windows;
  };
  Shard& shard(const std::string& key);
  std::array<Shard, 16> shards_;
};

// The key for a client address: IPv4 and IPv6 addresses as given, except that an IPv6 address
// counts by its /64 (one subscriber's network), so an attacker cannot mint fresh keys from one
// prefix.
std::string address_key(const std::string& ip);

}  // namespace provider::limits
