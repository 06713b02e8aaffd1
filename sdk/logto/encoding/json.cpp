// The JSON value and its writer (the reader is json_reader.cpp). nlohmann's parser and
// serializer are correct but large in WebAssembly (their lexer, SAX machinery and
// snprintf-based escaping pull in printf and long-double arithmetic, over 30 KB); the SDK only
// needs RFC 8259 in and compact text out.
#include "logto/encoding/json.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace logto::json_text {
namespace {

using json = Json;

// Length of a valid UTF-8 sequence starting at s[i], or 0 when it is not one.
size_t utf8_length(const std::string& s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  auto cont = [&](size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(i + 1) || !cont(i + 2)) return 0;
    if (c == 0xE0 && b(i + 1) < 0xA0) return 0;  // overlong
    if (c == 0xED && b(i + 1) > 0x9F) return 0;  // surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(i + 1) || !cont(i + 2) || !cont(i + 3)) return 0;
    if (c == 0xF0 && b(i + 1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && b(i + 1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// In the browser every text the core writes leaves through TextDecoder (steps, storage writes,
// the JSON the page parses), which replaces invalid UTF-8 with U+FFFD itself, so the browser
// modules leave the check to it (cmake/wasm.cmake): 0.18 KB of gzip (docs/wasm-size.md).
#ifdef LOGTO_HOST_DECODES_UTF8
constexpr bool kReplaceInvalidUtf8 = false;
#else
constexpr bool kReplaceInvalidUtf8 = true;
#endif

void write_string(std::string& out, const std::string& s) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    if (kReplaceInvalidUtf8 && c >= 0x80) {
      size_t n = utf8_length(s, i);
      if (n == 0) {
        out += "\xEF\xBF\xBD";  // invalid UTF-8 becomes U+FFFD
        ++i;
      } else {
        out.append(s, i, n);
        i += n;
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

void write(std::string& out, const Json& v) {
  switch (v.type()) {
    case Json::Type::Object: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : v.members()) {
        if (!first) out += ',';
        first = false;
        write_string(out, key);
        out += ':';
        write(out, member);
      }
      out += '}';
      return;
    }
    case Json::Type::Array: {
      out += '[';
      bool first = true;
      for (const auto& element : v.elements()) {
        if (!first) out += ',';
        first = false;
        write(out, element);
      }
      out += ']';
      return;
    }
    case Json::Type::String:
      write_string(out, v.as_string());
      return;
    case Json::Type::Boolean:
      out += v.as_boolean() ? "true" : "false";
      return;
    case Json::Type::Number:
      if (v.number_text().empty()) {
        append_number(out, v.as_number());
      } else {
        out += v.number_text();
      }
      return;
    default:
      out += "null";
  }
}

const Json kNull;
const std::string kEmpty;

}  // namespace
}  // namespace logto::json_text

namespace logto {

Json::Json(std::initializer_list<Json> items) {
  bool pairs = std::all_of(items.begin(), items.end(), [](const Json& item) {
    return item.is_array() && item.elements_.size() == 2 && item.elements_[0].is_string();
  });
  if (pairs && items.size() > 0) {
    type_ = Type::Object;
    for (const Json& item : items) (*this)[item.elements_[0].string_] = item.elements_[1];
  } else {
    type_ = Type::Array;
    elements_ = items;
  }
}

Json Json::number(double value, std::string_view text) {
  Json j(value);
  j.string_ = text;
  return j;
}

const std::string& Json::as_string() const {
  return type_ == Type::String ? string_ : json_text::kEmpty;
}

const std::string& Json::number_text() const {
  return type_ == Type::Number ? string_ : json_text::kEmpty;
}

Json Json::object() {
  Json j;
  j.type_ = Type::Object;
  return j;
}

Json Json::array() {
  Json j;
  j.type_ = Type::Array;
  return j;
}

Json Json::array(std::initializer_list<Json> elements) {
  Json j = array();
  j.elements_ = elements;
  return j;
}

size_t Json::size() const {
  return type_ == Type::Object  ? members_.size()
         : type_ == Type::Array ? elements_.size()
         : type_ == Type::Null  ? 0
                                : 1;
}

const Json* Json::find(std::string_view key) const {
  for (const auto& member : members_) {
    if (member.first == key) return &member.second;
  }
  return nullptr;
}

const std::string& Json::string_member(std::string_view key) const {
  return (*this)[key].as_string();
}

const Json& Json::operator[](std::string_view key) const {
  const Json* v = find(key);
  return v ? *v : json_text::kNull;
}

Json& Json::operator[](std::string_view key) {
  // Writing a member makes the value an object, whatever it was (nlohmann would throw for a
  // non-null value, which this module cannot; only code that builds documents writes).
  if (type_ != Type::Object) *this = object();
  for (auto& member : members_) {
    if (member.first == key) return member.second;
  }
  members_.emplace_back(std::string(key), Json());
  return members_.back().second;
}

const Json& Json::operator[](size_t index) const {
  return index < elements_.size() ? elements_[index] : json_text::kNull;
}

void Json::push_back(Json&& value) {
  if (type_ == Type::Null) type_ = Type::Array;
  if (type_ == Type::Array) elements_.push_back(std::move(value));
}

void Json::erase(std::string_view key) {
  for (Member* it = members_.begin(); it != members_.end();) {
    it = it->first == key ? members_.erase(it) : it + 1;
  }
}

std::string Json::dump() const {
  std::string out;
  json_text::write(out, *this);
  return out;
}

bool operator==(const Json& a, const Json& b) {
  if (a.type_ != b.type_) return false;
  switch (a.type_) {
    case Json::Type::Boolean:
      return a.boolean_ == b.boolean_;
    case Json::Type::Number:
      return a.number_ == b.number_;
    case Json::Type::String:
      return a.string_ == b.string_;
    case Json::Type::Array:
      return a.elements_ == b.elements_;
    case Json::Type::Object:
      // Members compare as sets, as nlohmann's (sorted) objects do.
      if (a.members_.size() != b.members_.size()) return false;
      for (const auto& [key, value] : a.members_) {
        const Json* other = b.find(key);
        if (!other || !(*other == value)) return false;
      }
      return true;
    default:
      return true;
  }
}

}  // namespace logto

namespace logto::json_text {

void append_piece(std::string& out, Quoted piece) {
  write_string(out, piece.text);
}

std::string number(double value) {
  std::string out;
  append_number(out, value);
  return out;
}

}  // namespace logto::json_text
