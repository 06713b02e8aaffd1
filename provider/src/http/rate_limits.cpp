#include "http/rate_limits.hpp"

#include "http/util.hpp"
#include "limits/rate_limiter.hpp"

#include <arpa/inet.h>

namespace provider::http {

std::string client_ip(const Context& ctx, const httplib::Request& req) {
  if (ctx.config().trust_proxy && req.has_header("X-Forwarded-For")) {
    // Several headers or one comma-separated list: the last entry of the last header.
    std::string value =
        req.get_header_value("X-Forwarded-For", req.get_header_value_count("X-Forwarded-For") - 1);
    auto comma = value.rfind(',');
    std::string last = comma == std::string::npos ? value : value.substr(comma + 1);
    auto first = last.find_first_not_of(" \t");
    auto end = last.find_last_not_of(" \t");
    if (first != std::string::npos) {
      // Only an address is taken; anything else (a forged or broken header) is ignored.
      std::string address = last.substr(first, end - first + 1);
      unsigned char buffer[sizeof(in6_addr)];
      if (inet_pton(AF_INET, address.c_str(), buffer) == 1 ||
          inet_pton(AF_INET6, address.c_str(), buffer) == 1) {
        return address;
      }
    }
  }
  return req.remote_addr;
}

Problem too_many_requests(Surface surface, const std::string& message, int64_t retry_after) {
  if (retry_after < 1) retry_after = 1;
  Problem problem(429,
                  surface == Surface::OAuth ? "too_many_requests" : "request.too_many_requests",
                  message + " Try again in " + std::to_string(retry_after) + " seconds.");
  problem.retry_in(retry_after);
  return problem;
}

void admit(Context& ctx, const std::string& bucket, const std::string& key, int per_minute,
           Surface surface, const std::string& message) {
  auto admission = ctx.rate_limiter().admit(bucket + " " + key, per_minute, now_seconds());
  if (!admission.allowed) throw too_many_requests(surface, message, admission.retry_after);
}

}  // namespace provider::http
