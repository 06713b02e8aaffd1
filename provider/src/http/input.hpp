// Checks on what a request brings, made at the edge before anything reaches storage or JSON:
// text must be valid UTF-8 without NUL and of a sane length (the limits below), so a bad byte is
// a clear 400 or invalid_request naming the field, never a 500 from a JSON writer later.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace provider::http {

constexpr size_t kMaxParamBytes = 4096;  // a redirect URI, a state, an ID token hint
constexpr size_t kMaxParamNameBytes = 128;
constexpr size_t kMaxParams = 64;
constexpr size_t kMaxJsonStringBytes = 8192;  // any string in a JSON body of the experience API
constexpr size_t kMaxBodyBytes = 1 << 20;     // any request body

// Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
bool valid_utf8(std::string_view text);

// What is wrong with one named text field, as a sentence naming it, or nullopt.
std::optional<std::string> text_problem(std::string_view what, std::string_view value,
                                        size_t max_bytes);

// The first string (or key) in a JSON value that is longer than `max_bytes`, as a sentence.
// (Our JSON parser already refuses invalid UTF-8 in a body.)
std::optional<std::string> json_problem(const nlohmann::json& value, size_t max_bytes);

}  // namespace provider::http
