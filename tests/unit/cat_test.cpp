#include "logto/encoding/cat.hpp"

#include <doctest/doctest.h>

#include <string>

using logto::append_to;
using logto::cat;

TEST_CASE("cat: literals, strings and C strings in order, whatever their lengths") {
  const std::string name = "Hanako";
  const char* claim = "sub";
  CHECK(cat("Expected \"", name, "\", got \"", claim, "\".") ==
        "Expected \"Hanako\", got \"sub\".");
  CHECK(cat("a") == "a");
  CHECK(cat(std::string(), "", std::string()) == "");
  // A piece longer than the short-string buffer, and a temporary piece.
  const std::string long_piece(300, 'x');
  CHECK(cat(long_piece, std::string("-"), long_piece) == long_piece + "-" + long_piece);
  // Embedded NUL in a std::string survives; a C string stops at its NUL, as with +.
  CHECK(cat(std::string("a\0b", 3), "c") == std::string("a\0bc", 4));
}

TEST_CASE("append_to: appends to what is there, including the string itself") {
  std::string out = "{";
  append_to(out, "\"a\":", std::string("1"), ",\"b\":", "2");
  out += '}';
  CHECK(out == "{\"a\":1,\"b\":2}");
  std::string self = "ab";
  append_to(self, "-", self);  // the string itself is read as it stands at its turn
  CHECK(self == "ab-ab-");
}
