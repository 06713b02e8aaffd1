#include "logto/encoding/base64url.hpp"
#include "logto/encoding/cat.hpp"
#include "logto/encoding/json.hpp"
#include "logto/encoding/url.hpp"

#include <doctest/doctest.h>

#include <cmath>

using namespace logto;

TEST_CASE("base64url: RFC 4648 §10 vectors without padding") {
  CHECK(base64url::encode("") == "");
  CHECK(base64url::encode("f") == "Zg");
  CHECK(base64url::encode("fo") == "Zm8");
  CHECK(base64url::encode("foo") == "Zm9v");
  CHECK(base64url::encode("foob") == "Zm9vYg");
  CHECK(base64url::encode("fooba") == "Zm9vYmE");
  CHECK(base64url::encode("foobar") == "Zm9vYmFy");
  CHECK(base64url::encode("\xfb\xff") == "-_8");
  CHECK(*base64url::decode("Zm9vYmFy") == "foobar");
  CHECK(*base64url::decode("-_8") == "\xfb\xff");
}

TEST_CASE("base64url: strict decoding rejects every non-canonical form") {
  CHECK_FALSE(base64url::decode("Zg=="));   // padding
  CHECK_FALSE(base64url::decode("Zm9v+"));  // standard alphabet
  CHECK_FALSE(base64url::decode("Zm9v/"));
  CHECK_FALSE(base64url::decode("Z"));   // impossible length
  CHECK_FALSE(base64url::decode("Zh"));  // non-zero trailing bits
  CHECK_FALSE(base64url::decode("Zm 9v"));
}

TEST_CASE("url: parse gives origin and path like the WHATWG URL") {
  auto u = url::parse("HTTPS://Example.COM:443/cb/x?code=1#frag");
  REQUIRE(u);
  CHECK(u->origin() == "https://example.com");
  CHECK(u->path == "/cb/x");
  CHECK(u->query == "code=1");
  CHECK(u->fragment == "frag");
  CHECK(url::parse("http://localhost:3000")->origin_and_path() == "http://localhost:3000/");
  CHECK(url::parse("http://[::1]:8080/a")->origin() == "http://[::1]:8080");
  CHECK(url::parse("http://user:pw@host/a")->origin() == "http://host");
  CHECK_FALSE(url::parse("/relative"));
  CHECK_FALSE(url::parse("http://"));
  CHECK_FALSE(url::parse("http://host:99999/"));
  CHECK_FALSE(url::parse("mailto:x@y"));
}

TEST_CASE("url: form encoding is byte-identical to URLSearchParams") {
  // new URLSearchParams({a: "x y+z/é~*-._!'()"}).toString()
  CHECK(url::form_encode("x y+z/\xc3\xa9~*-._!'()") == "x+y%2Bz%2F%C3%A9%7E*-._%21%27%28%29");
  CHECK(url::serialize({{"redirect_uri", "http://localhost:3000/callback"}, {"k", ""}}) ==
        "redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcallback&k=");
  // add_param: the '&' only between pairs, both halves encoded.
  std::string body;
  url::add_param(body, "a b", "c&d");
  CHECK(body == "a+b=c%26d");
  url::add_param(body, "e", "");
  CHECK(body == "a+b=c%26d&e=");
  auto q = url::parse_query("?a=1&b=x+y%2Bz&c&=v&a=2&bad=%zz");
  CHECK(*url::get(q, "a") == "1");
  CHECK(*url::get(q, "b") == "x y+z");
  CHECK(*url::get(q, "c") == "");
  CHECK(*url::get(q, "bad") == "%zz");
  CHECK_FALSE(url::get(q, "missing"));
}

TEST_CASE("url: append_path joins like @silverhand/essentials appendPath") {
  const char* path = "/oidc/.well-known/openid-configuration";
  CHECK(*url::append_path("https://t.logto.app", path) ==
        "https://t.logto.app/oidc/.well-known/openid-configuration");
  CHECK(*url::append_path("https://t.logto.app/", path) ==
        "https://t.logto.app/oidc/.well-known/openid-configuration");
  CHECK(*url::append_path("https://h/tenant/?x=1", path) ==
        "https://h/tenant/oidc/.well-known/openid-configuration");
  CHECK_FALSE(url::append_path("not a url", path));
  // Only "." and ".." are dot segments; "..." is a name.
  CHECK(*url::append_path("https://h/a/../b/./c", "/x") == "https://h/b/c/x");
  CHECK(*url::append_path("https://h/a/.../b", "/x") == "https://h/a/.../b/x");
  CHECK(*url::append_path("https://h/../..", "/x") == "https://h/x");
}

TEST_CASE("base64 (standard): RFC 4648 §10 vectors with padding, for HTTP Basic") {
  CHECK(base64url::encode_standard("") == "");
  CHECK(base64url::encode_standard("f") == "Zg==");
  CHECK(base64url::encode_standard("fo") == "Zm8=");
  CHECK(base64url::encode_standard("foobar") == "Zm9vYmFy");
  CHECK(base64url::encode_standard("\xfb\xff") == "+/8=");
  CHECK(base64url::decode_standard("Zm9vYg==") == "foob");
  CHECK(base64url::decode_standard("Zm9vYg") == "foob");
  CHECK(base64url::decode_standard("+/8=") == "\xfb\xff");
  CHECK_FALSE(base64url::decode_standard("-_8=").has_value());
  CHECK_FALSE(base64url::decode_standard("Zm9v!").has_value());
}

TEST_CASE("json_text: parse gives a value or a discarded marker, never an exception") {
  CHECK(json_text::parse(R"({"a":[1,"x",null]})")["a"][1] == "x");
  CHECK(json_text::parse("").is_discarded());
  CHECK(json_text::parse("{\"a\":").is_discarded());
  CHECK(json_text::parse("[1] trailing").is_discarded());
  CHECK(json_text::parse("<html>").is_discarded());
}

TEST_CASE("json_text: quote and number write what JSON.stringify writes") {
  CHECK(cat(json_text::quoted("a\"b\\c\n")) == R"("a\"b\\c\n")");
  CHECK(cat(json_text::quoted("\x01")) == R"("\u0001")");
  CHECK(json_text::number(1700003600) == "1700003600");
  CHECK(json_text::number(1700000100.25) == "1700000100.25");
  CHECK(json_text::number(-3) == "-3");
#ifndef LOGTO_HOST_DECODES_UTF8
  // Invalid UTF-8 is replaced with U+FFFD instead of failing the operation (in the browser
  // modules, by the TextDecoder every text leaves through: tests/wasm/browser-json.test.mjs).
  CHECK(json_text::dump(Json("a\xff")) == "\"a\xef\xbf\xbd\"");
#endif
}

TEST_CASE("json_text: the reader follows RFC 8259 and refuses what JSON.parse refuses") {
  auto j = json_text::parse(
      R"( {"s":"a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00","n":[0,-1,12.5,1e3,-2.5E-2,9007199254740993],"t":true,"f":false,"z":null} )");
  REQUIRE(j.is_object());
  CHECK(j["s"] == "a\"\\/\b\f\n\r\t\xc3\xa9\xf0\x9f\x98\x80");
  CHECK(j["n"][0] == 0);
  CHECK(j["n"][1] == -1);
  CHECK(j["n"][2].get<double>() == 12.5);
  CHECK(j["n"][3].get<double>() == 1000);
  CHECK(j["n"][4].get<double>() == -0.025);
  // Numbers are doubles, as in JavaScript: 2^53 + 1 reads as the nearest double, 2^53.
  CHECK(j["n"][5].as_number() == 9007199254740992.0);
  CHECK(j["t"] == true);
  CHECK(j["z"].is_null());
  CHECK(json_text::parse(R"({"a":1,"a":2})")["a"] == 2);     // last key wins, as in JSON.parse
  CHECK(json_text::parse(R"("\ud800")") == "\xef\xbf\xbd");  // lone surrogate
  for (const char* bad :
       {"01", "1.", "-", "+1", ".5", "[1,]", "{\"a\":1,}", "NaN", "'x'", "\"tab\there\"", "\"\\x\"",
        "\"\\u12\"", "{a:1}", "[1 2]", "tru", "1e", "1e999"}) {
    CAPTURE(bad);
    CHECK(json_text::parse(bad).is_discarded());
  }
  std::string deep(200, '[');
  deep += std::string(200, ']');
  CHECK(json_text::parse(deep).is_discarded());  // nesting beyond 128 is refused
}

TEST_CASE("json_text: numbers read from JSON are written back as received") {
  CHECK(json_text::parse("[1.50,1e3,-0.0,0.30000000000000004,12345678901234567890]").dump() ==
        "[1.50,1e3,-0.0,0.30000000000000004,12345678901234567890]");
  Json j = json_text::parse(R"({"exp":1.5E3})");
  CHECK(j["exp"].as_number() == 1500);
  CHECK(j["exp"].as_string().empty());  // a number is not a string, whatever its text
  CHECK(j == json_text::parse(R"({"exp":1500})"));
}

TEST_CASE("Json: reads never insert or abort; writes make objects") {
  const Json doc = json_text::parse(R"({"a":"x","n":1,"l":[1]})");
  CHECK(doc["missing"].is_null());
  CHECK(doc["a"]["deeper"].is_null());  // a member of a string: null, no abort
  CHECK(doc["l"][5].is_null());
  CHECK(doc["n"].as_string().empty());
  CHECK(doc.size() == 3);  // nothing was added by the reads
  Json built;
  built["k"] = "v";
  CHECK(built.dump() == R"({"k":"v"})");
  Json scalar = 7;
  scalar["k"] = true;  // writing a member makes an object
  CHECK(scalar.dump() == R"({"k":true})");
  Json list = Json::array({1});
  list.push_back(2);
  CHECK(list.dump() == "[1,2]");
}

TEST_CASE("json_text: dump writes compact JSON that reads back the same") {
  Json v = {{"b", {1, -2, 0.5, true, nullptr}}, {"a", "x\u00e9\x7f"}, {"c", Json::object()}};
  std::string text = json_text::dump(v);
  // Members keep their insertion order, as JSON.stringify keeps a JavaScript object's.
  CHECK(text == "{\"b\":[1,-2,0.5,true,null],\"a\":\"x\xc3\xa9\x7f\",\"c\":{}}");
  CHECK(json_text::parse(text) == v);
  CHECK(json_text::number(0.1) == "0.1");
  CHECK(json_text::number(3599.5) == "3599.5");
  CHECK(json_text::number(-0.25) == "-0.25");
  CHECK(json_text::number(0) == "0");
  CHECK(json_text::number(0.05) == "0.05");
  CHECK(json_text::number(100) == "100");
  CHECK(json_text::number(1e20) == "1000000000000e8");
  // Extremes are written as valid JSON that reads back to nearly the same double (values made
  // in code are timestamps and counts; numbers read from JSON keep their exact text).
  for (double v : {1e-20, 1e20, 1e300, 123456.78901234567}) {
    CAPTURE(v);
    Json back = json_text::parse(json_text::number(v));
    REQUIRE(back.is_number());
    CHECK(std::fabs(back.as_number() - v) <= std::fabs(v) * 1e-13);
  }
  CHECK(json_text::number(1e300 * 1e300) == "null");
}
