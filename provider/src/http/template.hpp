// Pages are rendered from template files (provider/assets/templates/, embedded at build time)
// by this small renderer, which escapes every value unless it was explicitly marked safe:
//
//   {{name}}            the value as text, HTML-escaped (strings, numbers, booleans)
//   {{{name}}}          a value made with safe_html() only, inserted as is; a plain string
//                       here is a template bug and throws instead of printing unescaped text
//   {{#name}}…{{/name}} a section: once if the value is true or an object (its fields in
//                       scope), once per item of a list (the item in scope, itself as {{.}}),
//                       not at all if false, null, empty or missing
//   {{^name}}…{{/name}} the inverse: only if the value is false, null, empty or missing
//   a.b                 a dotted name looks into objects
//
// A missing {{name}} is an error, not an empty string, so a typo cannot silently drop text.
#pragma once

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

namespace provider::http {

class TemplateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Marks HTML that the provider itself produced (another rendered template, JSON made inert
// for a <script> element) as safe for {{{name}}}.
nlohmann::json safe_html(std::string html);

// Renders the embedded template `name` (e.g. "sign-in.html") with `values`.
std::string render(const std::string& name, const nlohmann::json& values);
// Renders template text directly (for tests of the renderer and for the embedded ones).
std::string render_text(const std::string& text, const nlohmann::json& values);

}  // namespace provider::http
