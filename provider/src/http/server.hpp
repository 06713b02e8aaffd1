// Builds the HTTP server: every route of the provider, serialised on the context's mutex.
#pragma once

#include "context.hpp"

#include <httplib.h>

namespace provider::http {

void register_routes(httplib::Server& server, Context& ctx);

}  // namespace provider::http
