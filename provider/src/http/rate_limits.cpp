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

void send_too_many_requests(httplib::Response& res, Surface surface, int64_t retry_after,
                            const std::string& message) {
  if (retry_after < 1) retry_after = 1;
  std::string wait = "Try again in " + std::to_string(retry_after) + " seconds.";
  switch (surface) {
    case Surface::Page:
      send_message_page(res, 429, "Too many requests", "Too many sign-in requests",
                        {message + " " + wait});
      break;
    case Surface::Api:
      send_json(res, 429,
                {{"code", "request.too_many_requests"},
                 {"message", message + " " + wait},
                 {"retryAfter", retry_after}});
      break;
    case Surface::OAuth:
      send_oauth_error(res, 429, "too_many_requests", message + " " + wait);
      break;
  }
  res.set_header("Retry-After", std::to_string(retry_after));
}

bool admit(Context& ctx, httplib::Response& res, const std::string& bucket, const std::string& key,
           int per_minute, Surface surface, const std::string& message) {
  auto admission = ctx.rate_limiter().admit(bucket + " " + key, per_minute, now_seconds());
  if (admission.allowed) return true;
  send_too_many_requests(res, surface, admission.retry_after, message);
  return false;
}

}  // namespace provider::http
