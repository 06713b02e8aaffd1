// The SDK's JSON value and its text form (RFC 8259). A small type of our own instead of
// nlohmann::json: nlohmann's templates inline construction, lookup and conversion code into
// every function that touches a value, which in WebAssembly was kilobytes of download
// (docs/wasm-size.md). Here every operation is one out-of-line function, objects keep their
// members in insertion order (as JavaScript does), and numbers are doubles (as in JavaScript)
// that remember the text they were read from, so what passes through is written back as
// received.
// Reading never fails: a missing member or a value of another type reads as null, "", 0 or
// false, so callers check types where it matters and the module never aborts on bad input.
#pragma once

#include "logto/list.hpp"

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace logto {

class Json {
 public:
  enum class Type : unsigned char { Null, Boolean, Number, String, Array, Object, Discarded };
  using Member = std::pair<std::string, Json>;

  Json() = default;
  Json(std::nullptr_t) {}  // NOLINT: implicit, like the literals below
  Json(bool value) : type_(Type::Boolean), boolean_(value) {}  // NOLINT
  template <class N, std::enable_if_t<std::is_arithmetic_v<N> && !std::is_same_v<N, bool>, int> = 0>
  Json(N value) : type_(Type::Number), number_(static_cast<double>(value)) {}  // NOLINT
  Json(const char* value) : type_(Type::String), string_(value) {}             // NOLINT
  // By reference, not by value: a string given is copied (or moved) once, into place.
  Json(std::string&& value) : type_(Type::String), string_(std::move(value)) {}  // NOLINT
  Json(const std::string& value) : type_(Type::String), string_(value) {}        // NOLINT
  Json(std::string_view value) : type_(Type::String), string_(value) {}          // NOLINT
  // nlohmann's rule: a list of [string, value] pairs is an object, anything else an array.
  Json(std::initializer_list<Json> items);  // NOLINT
  // Another JSON library's value (nlohmann::json in the provider and the tests), through its
  // text.
  template <class Foreign, class = decltype(std::declval<const Foreign&>().dump()),
            std::enable_if_t<!std::is_same_v<Foreign, Json>, int> = 0>
  Json(const Foreign& other) : Json(parse(other.dump())) {}  // NOLINT

  // A number read from `text` (valid JSON number syntax), which dump() writes back verbatim.
  static Json number(double value, std::string_view text);
  static Json object();
  static Json array();
  static Json array(std::initializer_list<Json> elements);  // always an array, even of pairs
  // The value of `text`, or a Discarded value when it is not JSON (never throws).
  static Json parse(std::string_view text);

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_boolean() const { return type_ == Type::Boolean; }
  bool is_number() const { return type_ == Type::Number; }
  bool is_string() const { return type_ == Type::String; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_object() const { return type_ == Type::Object; }
  bool is_discarded() const { return type_ == Type::Discarded; }

  bool as_boolean() const { return boolean_; }
  double as_number() const { return number_; }
  const std::string& as_string() const;  // "" unless a string
  // For code written against nlohmann's API (tests): get<std::string>(), get<double>(), ...
  template <class T>
  T get() const {
    if constexpr (std::is_same_v<T, std::string>) {
      return as_string();
    } else if constexpr (std::is_same_v<T, bool>) {
      return boolean_;
    } else {
      return static_cast<T>(number_);
    }
  }

  // Members of an object, elements of an array; empty for other types.
  const List<Member>& members() const { return members_; }
  const List<Json>& elements() const { return elements_; }
  size_t size() const;
  bool empty() const { return size() == 0; }

  // The member `key` of an object, or nullptr.
  const Json* find(std::string_view key) const;
  bool contains(std::string_view key) const { return find(key) != nullptr; }
  // The member as a string when it is one, else "".
  const std::string& string_member(std::string_view key) const;
  // Read: the member, or null when absent. Write: makes the value an object (an empty one
  // unless it was one) and inserts the member when absent.
  const Json& operator[](std::string_view key) const;
  Json& operator[](std::string_view key);
  const Json& operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  Json& operator[](const char* key) { return (*this)[std::string_view(key)]; }
  const Json& operator[](size_t index) const;  // null when out of range or not an array
  const Json& operator[](int index) const { return (*this)[static_cast<size_t>(index)]; }
  // Elements are read-only: the non-const overload keeps `j[0]` from meaning `j[nullptr]`.
  const Json& operator[](int index) { return std::as_const(*this)[static_cast<size_t>(index)]; }

  // The text a number was read from; "" for numbers made in code and for other types.
  const std::string& number_text() const;

  void push_back(Json&& value);  // makes a null value an array
  void erase(std::string_view key);

  // Compact text, as JSON.stringify writes it; invalid UTF-8 in strings becomes U+FFFD.
  std::string dump() const;

  friend bool operator==(const Json& a, const Json& b);
  friend bool operator!=(const Json& a, const Json& b) { return !(a == b); }

 private:
  Type type_ = Type::Null;
  bool boolean_ = false;
  double number_ = 0;
  std::string string_;  // a string's value, or the text a number was read from
  List<Json> elements_;
  List<Member> members_;
};

namespace json_text {

inline Json parse(std::string_view text) {
  return Json::parse(text);
}
inline std::string dump(const Json& value) {
  return value.dump();
}

// `text` as a JSON string literal (a"b -> "a\"b"), as a piece of cat()/append_to(): written
// straight into the text being built, cat("{\"url\":", quoted(url), "}"). It refers to `text`,
// so it is for use within that one expression. (A piece for numbers or for whole values, tried
// the same way, made the module larger: docs/wasm-size.md.)
struct Quoted {
  const std::string& text;
};
inline Quoted quoted(const std::string& text) {
  return {text};
}
void append_piece(std::string& out, Quoted piece);

// A number as JSON.stringify writes it: integral values without a fraction.
std::string number(double value);
// The same, appended; what Json::dump writes for a number made in code. Natively from
// number_text.cpp; in the browser modules, the page's String(value) (browser_numbers.cpp).
void append_number(std::string& out, double value);

}  // namespace json_text
}  // namespace logto
