// Json::parse: our RFC 8259 reader, for native builds (the provider, the unit tests, the
// fuzzers). A file of its own so that the browser modules can define Json::parse with the
// browser's JSON.parse instead (bindings/browser_json.cpp): an archive member is only linked
// when something still needs it (docs/sdk-core.md).
#include "logto/encoding/json.hpp"

#include <cmath>
#include <cstdint>

namespace logto::json_text {
namespace {

using json = Json;

constexpr int kMaxDepth = 128;  // deeper input is refused rather than risking the stack

class Reader {
 public:
  explicit Reader(std::string_view text) : s_(text) {}

  bool document(json& out) {
    space();
    if (!value(out, 0)) return false;
    space();
    return i_ == s_.size();
  }

 private:
  void space() {
    while (i_ < s_.size() &&
           (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) {
      ++i_;
    }
  }

  bool literal(const char* word) {
    size_t n = std::strlen(word);
    if (s_.compare(i_, n, word) != 0) return false;
    i_ += n;
    return true;
  }

  bool value(json& out, int depth) {
    if (i_ >= s_.size() || depth > kMaxDepth) return false;
    switch (s_[i_]) {
      case '{':
        return object(out, depth);
      case '[':
        return array(out, depth);
      case '"': {
        std::string text;
        if (!string(text)) return false;
        out = std::move(text);
        return true;
      }
      case 't':
        out = true;
        return literal("true");
      case 'f':
        out = false;
        return literal("false");
      case 'n':
        out = nullptr;
        return literal("null");
      default:
        return number(out);
    }
  }

  bool object(json& out, int depth) {
    ++i_;  // {
    out = json::object();
    space();
    if (i_ < s_.size() && s_[i_] == '}') {
      ++i_;
      return true;
    }
    for (;;) {
      space();
      std::string key;
      if (i_ >= s_.size() || s_[i_] != '"' || !string(key)) return false;
      space();
      if (i_ >= s_.size() || s_[i_++] != ':') return false;
      space();
      json member;
      if (!value(member, depth + 1)) return false;
      out[key] = std::move(member);  // a repeated key keeps the last value, as JSON.parse does
      space();
      if (i_ >= s_.size()) return false;
      char c = s_[i_++];
      if (c == '}') return true;
      if (c != ',') return false;
    }
  }

  bool array(json& out, int depth) {
    ++i_;  // [
    out = json::array();
    space();
    if (i_ < s_.size() && s_[i_] == ']') {
      ++i_;
      return true;
    }
    for (;;) {
      space();
      json element;
      if (!value(element, depth + 1)) return false;
      out.push_back(std::move(element));
      space();
      if (i_ >= s_.size()) return false;
      char c = s_[i_++];
      if (c == ']') return true;
      if (c != ',') return false;
    }
  }

  bool hex4(uint32_t& out) {
    if (s_.size() - i_ < 4) return false;
    out = 0;
    for (int k = 0; k < 4; ++k) {
      char c = s_[i_++];
      out <<= 4;
      if (c >= '0' && c <= '9') {
        out |= c - '0';
      } else if (c >= 'a' && c <= 'f') {
        out |= c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        out |= c - 'A' + 10;
      } else {
        return false;
      }
    }
    return true;
  }

  static void utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool string(std::string& out) {
    ++i_;  // "
    while (i_ < s_.size()) {
      char c = s_[i_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;  // raw control characters
      if (c != '\\') {
        out += c;
        continue;
      }
      if (i_ >= s_.size()) return false;
      switch (s_[i_++]) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          uint32_t cp;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF && s_.compare(i_, 2, "\\u") == 0) {
            size_t save = i_;
            i_ += 2;
            uint32_t low;
            if (hex4(low) && low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              i_ = save;
            }
          }
          // A lone surrogate becomes U+FFFD, as TextEncoder would make of it.
          if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
          utf8(out, cp);
          break;
        }
        default:
          return false;
      }
    }
    return false;
  }

  static bool digit(char c) { return c >= '0' && c <= '9'; }

  // RFC 8259 numbers, as the nearest double (exact for integers up to 2^53 and for up to 15
  // significant digits with small exponents, which covers every number an OIDC exchange
  // carries; JavaScript reads the same text into the same double).
  bool number(json& out) {
    size_t start = i_;
    bool negative = i_ < s_.size() && s_[i_] == '-';
    if (negative) ++i_;
    if (i_ >= s_.size() || !digit(s_[i_])) return false;
    uint64_t mantissa = 0;
    int dropped = 0;  // integer digits beyond uint64 precision
    int significant = 0;
    if (s_[i_] == '0') {
      ++i_;
    } else {
      while (i_ < s_.size() && digit(s_[i_])) {
        if (significant < 19) {
          mantissa = mantissa * 10 + (s_[i_] - '0');
          if (mantissa) ++significant;
        } else {
          ++dropped;
        }
        ++i_;
      }
    }
    int exponent = dropped;
    if (i_ < s_.size() && s_[i_] == '.') {
      ++i_;
      if (i_ >= s_.size() || !digit(s_[i_])) return false;
      while (i_ < s_.size() && digit(s_[i_])) {
        if (significant < 19) {
          mantissa = mantissa * 10 + (s_[i_] - '0');
          if (mantissa) ++significant;
          --exponent;
        }
        ++i_;
      }
    }
    if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
      ++i_;
      bool minus = false;
      if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) minus = s_[i_++] == '-';
      if (i_ >= s_.size() || !digit(s_[i_])) return false;
      int e = 0;
      while (i_ < s_.size() && digit(s_[i_])) {
        if (e < 100000) e = e * 10 + (s_[i_] - '0');
        ++i_;
      }
      exponent += minus ? -e : e;
    }
    double v = static_cast<double>(mantissa);
    static const double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                    1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    int e = exponent;
    while (e > 22) {
      v *= 1e22;
      e -= 22;
    }
    while (e < -22) {
      v /= 1e22;
      e += 22;
    }
    v = e >= 0 ? v * kPow10[e] : v / kPow10[-e];
    if (!std::isfinite(v)) return false;  // JSON has no Infinity
    out = Json::number(negative ? -v : v, s_.substr(start, i_ - start));
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
};

}  // namespace
}  // namespace logto::json_text

namespace logto {

Json Json::parse(std::string_view text) {
  Json result;
  if (!json_text::Reader(text).document(result)) {
    result = Json();
    result.type_ = Type::Discarded;
  }
  return result;
}

}  // namespace logto
