#include "limits/rate_limiter.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <functional>

namespace provider::limits {

RateLimiter::Shard& RateLimiter::shard(const std::string& key) {
  return shards_[std::hash<std::string>{}(key) % shards_.size()];
}

Admission RateLimiter::admit(const std::string& key, int per_window, int64_t now) {
  if (per_window <= 0) return {};
  Shard& s = shard(key);
  std::lock_guard<std::mutex> lock(s.mutex);
  Window& w = s.windows[key];
  if (now - w.start >= kWindowSeconds) w = {now, 0};
  if (w.count >= per_window) return {false, w.start + kWindowSeconds - now};
  ++w.count;
  return {};
}

size_t RateLimiter::forget_ended(int64_t now) {
  size_t removed = 0;
  for (Shard& s : shards_) {
    std::lock_guard<std::mutex> lock(s.mutex);
    for (auto it = s.windows.begin(); it != s.windows.end();) {
      if (now - it->second.start >= kWindowSeconds) {
        it = s.windows.erase(it);
        ++removed;
      } else {
        ++it;
      }
    }
  }
  return removed;
}

size_t RateLimiter::size() {
  size_t n = 0;
  for (Shard& s : shards_) {
    std::lock_guard<std::mutex> lock(s.mutex);
    n += s.windows.size();
  }
  return n;
}

std::string address_key(const std::string& ip) {
  in6_addr v6{};
  if (ip.find(':') == std::string::npos || inet_pton(AF_INET6, ip.c_str(), &v6) != 1) return ip;
  // An IPv4-mapped address (::ffff:a.b.c.d) is that IPv4 address.
  static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  char text[INET6_ADDRSTRLEN] = {};
  if (std::equal(mapped, mapped + 12, v6.s6_addr)) {
    inet_ntop(AF_INET, v6.s6_addr + 12, text, sizeof text);
    return text;
  }
  for (int i = 8; i < 16; ++i) v6.s6_addr[i] = 0;
  inet_ntop(AF_INET6, &v6, text, sizeof text);
  return std::string(text) + "/64";
}

}  // namespace provider::limits
