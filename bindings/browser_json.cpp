// Json::parse for the browser modules (the client's and logto-crypto.mjs): the browser's
// JSON.parse does the syntax, and hands the value over as a tape the core turns into a Json.
// This definition is linked instead of sdk/logto/encoding/json_reader.cpp's (an archive member
// is only linked when something still needs it), so the modules carry no JSON reader. The core
// still decides what every value must be; only the RFC 8259 syntax is the browser's.
//
// Kept from our reader, so the core sees the same values:
// - a repeated key keeps its first place and its last value, as JSON.parse does;
// - nesting deeper than 128 is refused, as is a number JSON.parse makes infinite (1e400);
// - the input's UTF-8 is decoded as TextDecoder does (an invalid byte becomes U+FFFD, which
//   our writer also made of it), and a byte-order mark is not whitespace.
// What differs: a number keeps JavaScript's text for it (`1.0` reads back as `1`), where the
// reader kept the input's; the value is the same double, and every value the core hands back
// is read by JSON.parse in the page anyway.
#include "js_block.hpp"
#include "logto/encoding/json.hpp"

#include <emscripten/emscripten.h>

#include <cstdint>
#include <cstring>

// The tape, one value: "n" | "t" | "f" | "d" <16 hex digits: the double's bits> <its text> ";"
// | "s" <UTF-8 length> ":" <bytes> | "a" <count> ":" <values> | "o" <count> ":" (<"s" string
// without the "s"> <value>)*. Returned as a counted block (utf8Block in
// bindings/js/embind-runtime.js); null when the text is not JSON. EM_JS bodies are one line of
// JavaScript: no comments inside, double-quoted strings only.
// clang-format off
EM_JS(char*, logto_json_tape, (const char* text, size_t size), {
  var bits = new DataView(new ArrayBuffer(8));
  function counted(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0x80) n += 1;
      else if (c < 0x800) n += 2;
      else if ((c & 0xFC00) == 0xD800 && (s.charCodeAt(i + 1) & 0xFC00) == 0xDC00) { n += 4; i++; }
      else n += 3;
    }
    return n + ":" + s;
  }
  function hex(n) { return (n + 0x100000000).toString(16).slice(1); }
  function put(v, depth) {
    if (depth > 128) throw 0;
    if (v === null) return "n";
    if (v === true) return "t";
    if (v === false) return "f";
    if (typeof v == "number") {
      if (!isFinite(v)) throw 0;
      bits.setFloat64(0, v);
      return "d" + hex(bits.getUint32(0)) + hex(bits.getUint32(4)) + (Object.is(v, -0) ? "-0" : v) + ";";
    }
    if (typeof v == "string") return "s" + counted(v);
    var out, i;
    if (Array.isArray(v)) {
      out = "a" + v.length + ":";
      for (i = 0; i < v.length; i++) out += put(v[i], depth + 1);
      return out;
    }
    var keys = Object.keys(v);
    out = "o" + keys.length + ":";
    for (i = 0; i < keys.length; i++) out += counted(keys[i]) + put(v[keys[i]], depth + 1);
    return out;
  }
  try {
    var value = JSON.parse(new TextDecoder("utf-8", {ignoreBOM: true}).decode(HEAPU8.subarray(text, text + size)));
    return utf8Block(put(value, 0), true);
  } catch (e) {
    return 0;
  }
});
// clang-format on

namespace logto {

Json Json::parse(std::string_view text) {
  // Reads the tape above into values directly (a local class has Json's access). Every read is
  // bounds-checked: a tape that does not parse (it cannot happen, the page's JavaScript wrote
  // it) reads as not JSON rather than past its end. Keys need no search: JSON.parse has already
  // merged repeated ones.
  struct Tape {
    std::string_view t;
    size_t i = 0;

    char next() { return i < t.size() ? t[i++] : '\0'; }

    // A decimal count up to the ':' after it.
    bool count(size_t& n) {
      n = 0;
      for (char c; (c = next()) != ':';) {
        if (c < '0' || c > '9' || n > t.size()) return false;
        n = n * 10 + size_t(c - '0');
      }
      return true;
    }

    bool text(std::string& out) {
      size_t n;
      if (!count(n) || n > t.size() - i) return false;
      out.assign(t.data() + i, n);
      i += n;
      return true;
    }

    bool value(Json& out) {
      size_t n;
      switch (char c = next()) {
        case 'n':
          return true;
        case 't':
        case 'f':
          out.type_ = Type::Boolean;
          out.boolean_ = c == 't';
          return true;
        case 'd': {
          uint64_t bits = 0;
          for (int k = 0; k < 16; ++k) {
            c = next();
            bits = bits << 4 | uint64_t(c <= '9' ? c - '0' : c - 'a' + 10);
          }
          size_t end = t.find(';', i);
          if (end == std::string_view::npos) return false;
          out.type_ = Type::Number;
          std::memcpy(&out.number_, &bits, sizeof bits);
          out.string_.assign(t.data() + i, end - i);
          i = end + 1;
          return true;
        }
        case 's':
          out.type_ = Type::String;
          return text(out.string_);
        case 'a':
          out.type_ = Type::Array;
          if (!count(n)) return false;
          while (n--) {
            if (!value(out.elements_.emplace_back())) return false;
          }
          return true;
        case 'o':
          out.type_ = Type::Object;
          if (!count(n)) return false;
          while (n--) {
            Member& m = out.members_.emplace_back();
            if (!text(m.first) || !value(m.second)) return false;
          }
          return true;
        default:
          return false;
      }
    }
  };

  Json result;
  browser::JsBlock block(logto_json_tape(text.data(), text.size()));
  std::string_view bytes = browser::counted_bytes(block);
  Tape tape{bytes};
  if (!block || !tape.value(result) || tape.i != bytes.size()) {
    result = Json();
    result.type_ = Type::Discarded;
  }
  return result;
}

}  // namespace logto
