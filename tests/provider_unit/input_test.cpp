#include "http/input.hpp"
#include "limits/rate_limiter.hpp"

#include <doctest/doctest.h>

using provider::http::json_problem;
using provider::http::text_problem;
using provider::http::valid_utf8;

TEST_CASE("valid_utf8 follows RFC 3629") {
  CHECK(valid_utf8(""));
  CHECK(valid_utf8("plain ascii"));
  CHECK(valid_utf8("\xE3\x81\x82"));            // あ
  CHECK(valid_utf8("\xF0\x9F\x98\x80"));        // U+1F600
  CHECK(valid_utf8("\xF4\x8F\xBF\xBF"));        // U+10FFFF
  CHECK_FALSE(valid_utf8("\xFF\xFE"));          // never in UTF-8
  CHECK_FALSE(valid_utf8("\xC0\xAF"));          // overlong "/"
  CHECK_FALSE(valid_utf8("\xE0\x80\xAF"));      // overlong, three bytes
  CHECK_FALSE(valid_utf8("\xED\xA0\x80"));      // a surrogate
  CHECK_FALSE(valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(valid_utf8("\xE3\x81"));          // cut short
  CHECK_FALSE(valid_utf8("\x80"));              // a continuation first
  CHECK_FALSE(valid_utf8("a\xC3"));             // cut at the end
}

TEST_CASE("text_problem names the field and never echoes bad bytes") {
  CHECK_FALSE(text_problem("The parameter state", "abc", 10).has_value());
  CHECK(*text_problem("The parameter state", "\xFF", 10) ==
        "The parameter state is not valid UTF-8.");
  CHECK(*text_problem("The parameter state", std::string("a\0b", 3), 10) ==
        "The parameter state contains a NUL character.");
  CHECK(*text_problem("The parameter state", std::string(11, 'x'), 10) ==
        "The parameter state is longer than 10 bytes.");
  CHECK(*text_problem("\xFF", "\xFF", 10) == "(a parameter name) is not valid UTF-8.");
}

TEST_CASE("json_problem finds an overlong or NUL string anywhere in a body") {
  CHECK_FALSE(json_problem({{"a", "short"}, {"b", {1, "x"}}}, 8).has_value());
  CHECK(*json_problem({{"a", {{"b", {"ok", std::string(9, 'x')}}}}}, 8) ==
        "A text in the body is longer than 8 bytes.");
  CHECK(json_problem({{"a", std::string("\0", 1)}}, 8).has_value());
}

TEST_CASE("the rate limiter: exact counts per window, per key, 0 for no limit") {
  provider::limits::RateLimiter limiter;
  for (int i = 0; i < 3; ++i) CHECK(limiter.admit("k", 3, 1000).allowed);
  auto refused = limiter.admit("k", 3, 1010);
  CHECK_FALSE(refused.allowed);
  CHECK(refused.retry_after == 50);  // the window began at 1000
  CHECK(limiter.admit("other", 3, 1010).allowed);
  CHECK(limiter.admit("k", 3, 1060).allowed);  // a new window
  CHECK(limiter.admit("k", 0, 1060).allowed);
  CHECK(limiter.size() == 2);
  CHECK(limiter.forget_ended(1200) == 2);
  CHECK(limiter.size() == 0);
}

TEST_CASE("address keys: IPv6 by its /64, IPv4-mapped as IPv4, anything else as given") {
  using provider::limits::address_key;
  CHECK(address_key("192.0.2.1") == "192.0.2.1");
  CHECK(address_key("::ffff:192.0.2.1") == "192.0.2.1");
  CHECK(address_key("2001:db8:1:2:3:4:5:6") == "2001:db8:1:2::/64");
  CHECK(address_key("2001:db8:1:2::9") == address_key("2001:db8:1:2:ffff::1"));
  CHECK(address_key("2001:db8:1:3::9") != address_key("2001:db8:1:2::9"));
  CHECK(address_key("not an address") == "not an address");
}
