// The limits on anonymous traffic at the edge (settings in config.hpp, numbers and reasons in
// docs/provider.md): a request over its limit is refused with a 429 Problem and Retry-After,
// rendered in the shape its caller reads (an HTML page for a browser, {code, message} for the
// experience API, RFC 6749 §5.2 JSON for the token endpoint), before any handler work or
// storage.
#pragma once

#include "context.hpp"
#include "errors/problem.hpp"
#include "http/problem_response.hpp"

#include <httplib.h>

#include <string>

namespace provider::http {

// The address a request came from: the socket's peer, or behind a trusted proxy the client it
// names (http/client_address.hpp).
std::string client_ip(const Context& ctx, const httplib::Request& req);

// The 429 for `surface` (its code: too_many_requests for OAuth, request.too_many_requests
// elsewhere), saying what was exceeded and when to come back.
Problem too_many_requests(Surface surface, const std::string& message, int64_t retry_after);

// Counts the request under `bucket` for `key`; throws too_many_requests over `per_minute`
// (0: no limit).
void admit(Context& ctx, const std::string& bucket, const std::string& key, int per_minute,
           Surface surface, const std::string& message);

}  // namespace provider::http
