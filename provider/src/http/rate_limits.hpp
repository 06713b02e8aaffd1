// The limits on anonymous traffic at the edge (settings in config.hpp, numbers and reasons in
// docs/provider.md): a request over its limit is answered 429 with Retry-After, in the shape
// its caller reads (an HTML page for a browser, {code, message} for the experience API,
// RFC 6749 §5.2 JSON for the token endpoint), before any handler work or storage.
#pragma once

#include "context.hpp"

#include <httplib.h>

#include <string>

namespace provider::http {

enum class Surface { Page, Api, OAuth };

// The address a request came from: the socket's peer, or with trustProxy the last
// X-Forwarded-For entry (the one our own proxy appended; earlier ones are the client's word).
std::string client_ip(const Context& ctx, const httplib::Request& req);

// Counts the request under `bucket` for `key`; true if within `per_minute` (0: no limit).
// Otherwise answers 429 with `message` (what was exceeded) and returns false.
bool admit(Context& ctx, httplib::Response& res, const std::string& bucket, const std::string& key,
           int per_minute, Surface surface, const std::string& message);

// The 429 answer itself, also used where a limit is stored rather than counted here (the
// live-interaction cap).
void send_too_many_requests(httplib::Response& res, Surface surface, int64_t retry_after,
                            const std::string& message);

}  // namespace provider::http
