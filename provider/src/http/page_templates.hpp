// provider/assets/templates/*.html, embedded at build time (cmake/embed_assets.cmake).
#pragma once

#include <string>

namespace provider::http {

// The template's text, or nullptr for an unknown name.
const std::string* page_template(const std::string& name);

}  // namespace provider::http
