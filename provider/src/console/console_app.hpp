// The Console's own application: an SPA registered at first start (its id kept in the meta
// table), whose redirect URIs follow the provider's public URL.
#pragma once

#include "context.hpp"

#include <string>

namespace provider::console {

// The Console application's id, registering it (or adding this public URL's callback to it)
// when needed.
std::string ensure_console_app(Context& ctx);

}  // namespace provider::console
