// The Console over HTTP: its pages and scripts under /console (one shell page for every
// Console path; the views are ES modules), its public configuration, and the first-admin setup.
#pragma once

#include "context.hpp"

#include <httplib.h>

namespace provider::console {

void register_console_routes(httplib::Server& server, Context& ctx);

// At `serve`: the admin model and the Console application; while no admin exists, a fresh
// setup link, printed on the log.
void prepare_console(Context& ctx);

}  // namespace provider::console
