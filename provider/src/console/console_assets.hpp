// The Console's embedded files (provider/assets/console/*) and the SDK module it loads
// ("logto.mjs"), by file name; nullptr for an unknown name (or the SDK when the provider was
// built before it).
#pragma once

#include <string>

namespace provider::console {

const std::string* console_asset(const std::string& name);

}  // namespace provider::console
