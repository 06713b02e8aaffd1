#include "http/rate_limits.hpp"

#include "http/util.hpp"
#include "limits/rate_limiter.hpp"

#include <string>
#include <vector>

namespace provider::http {

std::string client_ip(const Context& ctx, const httplib::Request& req) {
  const auto& trust = ctx.config().proxy_trust;
  if (!trust.any_last_hop && trust.proxies.empty()) return req.remote_addr;
  const char* name = trust.forwarded ? "Forwarded" : "X-Forwarded-For";
  std::vector<std::string> lines;
  for (size_t i = 0, n = req.get_header_value_count(name); i < n; ++i) {
    lines.push_back(req.get_header_value(name, i));
  }
  return client_address(trust, req.remote_addr, lines);
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
