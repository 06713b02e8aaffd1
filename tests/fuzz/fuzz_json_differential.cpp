// Our JSON reader against nlohmann's on the same bytes: both accept or both reject, and an
// accepted document has the same value (compared through nlohmann's reading of our output).
// Known, intended differences are excluded and listed in docs/fuzzing.md: invalid UTF-8,
// duplicate member names, numbers beyond a double's precision.
#include "http/input.hpp"
#include "logto/encoding/json.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string_view>

namespace {

// Members counted through the whole document: fewer in nlohmann's reading means a duplicate
// member name, which RFC 8259 leaves undefined (nlohmann keeps the last, we keep both).
size_t count_members(const logto::Json& v) {
  size_t n = v.is_object() ? v.members().size() : 0;
  for (const auto& m : v.members()) n += count_members(m.second);
  for (const auto& e : v.elements()) n += count_members(e);
  return n;
}

size_t count_members(const nlohmann::json& v) {
  size_t n = v.is_object() ? v.size() : 0;
  if (v.is_structured()) {
    for (const auto& item : v) n += count_members(item);
  }
  return n;
}

bool has_surrogate_escape(std::string_view text) {
  for (size_t i = 0; i + 5 < text.size(); ++i) {
    if (text[i] == '\\' && (text[i + 1] == 'u') && (text[i + 2] == 'd' || text[i + 2] == 'D') &&
        std::string_view("89abcdefABCDEF").find(text[i + 3]) != std::string_view::npos) {
      return true;
    }
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  logto::Json ours = logto::Json::parse(text);
  nlohmann::json theirs = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (ours.is_discarded() != theirs.is_discarded()) {
    // Intended: invalid UTF-8 we read as the browser's fetch().json() does (U+FFFD), nlohmann
    // refuses; an escaped lone surrogate JSON.parse accepts, and so do we; nlohmann stops at a
    // NUL byte and accepts what came before, we (and JSON.parse) refuse; nlohmann skips a
    // leading byte order mark, we (and JSON.parse) refuse it, and in the browser the response's
    // text decoding has already removed it.
    if (!provider::http::valid_utf8(text) || has_surrogate_escape(text) ||
        text.find('\0') != std::string_view::npos || text.substr(0, 3) == "\xEF\xBB\xBF") {
      return 0;
    }
    std::fprintf(stderr, "accept/reject differ: ours %s, nlohmann %s\n",
                 ours.is_discarded() ? "rejects" : "accepts",
                 theirs.is_discarded() ? "rejects" : "accepts");
    std::abort();
  }
  if (ours.is_discarded()) return 0;
  if (count_members(ours) != count_members(theirs)) {
    return 0;  // duplicate member names: each library keeps a different one (docs/fuzzing.md)
  }
  nlohmann::json ours_read = nlohmann::json::parse(ours.dump(), nullptr, false);
  // Numbers: we keep doubles (as JavaScript does); nlohmann keeps 64-bit integers. Compare
  // through doubles by writing both with nlohmann after a round through double.
  auto normalise = [](nlohmann::json v) {
    std::function<void(nlohmann::json&)> walk = [&](nlohmann::json& x) {
      if (x.is_number()) {
        x = x.get<double>();
      } else if (x.is_structured()) {
        for (auto& item : x) walk(item);
      }
    };
    walk(v);
    return v;
  };
  if (normalise(ours_read) != normalise(theirs)) {
    std::fprintf(stderr, "values differ:\n ours    %s\n nlohmann %s\n", ours.dump().c_str(),
                 theirs.dump().c_str());
    std::abort();
  }
  return 0;
}
