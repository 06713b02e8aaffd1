// The SDK's one way in and out of JSON text. Every parse goes through one SAX instantiation of
// nlohmann's parser and every dump through one serializer, which matters in WebAssembly: each
// extra instantiation (callback parser, ordered_json) costs kilobytes of download.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace logto::json_text {

// The parsed value, or a discarded value (is_discarded()) when `text` is not JSON.
nlohmann::json parse(std::string_view text);

// Compact text; invalid UTF-8 in strings is replaced, never thrown.
std::string dump(const nlohmann::json& value);

// A JSON string literal for `text`, e.g. "a\"b" -> "\"a\\\"b\"".
std::string quote(const std::string& text);

// A number as JSON.stringify writes it: integral values without a fraction.
std::string number(double value);

}  // namespace logto::json_text
