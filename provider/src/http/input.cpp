#include "http/input.hpp"

namespace provider::http {

bool valid_utf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t length = 0;
    uint32_t code = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
      code = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      code = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      code = c & 0x07;
    } else {
      return false;  // a continuation byte first, or C0/C1/F5-FF
    }
    if (i + length > text.size()) return false;
    for (size_t k = 1; k < length; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return false;
      code = (code << 6) | (byte(i + k) & 0x3F);
    }
    if ((length == 3 && code < 0x800) || (length == 4 && code < 0x10000) || code > 0x10FFFF ||
        (code >= 0xD800 && code <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

std::optional<std::string> text_problem(std::string_view what, std::string_view value,
                                        size_t max_bytes) {
  // The name may itself be the bad text: never put invalid bytes into the sentence.
  std::string name = valid_utf8(what) && what.size() <= kMaxParamNameBytes
                         ? std::string(what)
                         : std::string("(a parameter name)");
  if (!valid_utf8(value)) return name + " is not valid UTF-8.";
  if (value.find('\0') != std::string_view::npos) return name + " contains a NUL character.";
  if (value.size() > max_bytes) {
    return name + " is longer than " + std::to_string(max_bytes) + " bytes.";
  }
  return std::nullopt;
}

std::optional<std::string> json_problem(const nlohmann::json& value, size_t max_bytes) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() > max_bytes) {
      return "A text in the body is longer than " + std::to_string(max_bytes) + " bytes.";
    }
    if (text.find('\0') != std::string::npos) return "A text in the body contains a NUL character.";
    return std::nullopt;
  }
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (key.size() > kMaxParamNameBytes) return "A field name in the body is too long.";
      if (auto problem = json_problem(item, max_bytes)) return problem;
    }
  } else if (value.is_array()) {
    for (const auto& item : value) {
      if (auto problem = json_problem(item, max_bytes)) return problem;
    }
  }
  return std::nullopt;
}

}  // namespace provider::http
