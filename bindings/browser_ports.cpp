#include "browser_ports.hpp"

#include "js_block.hpp"
#include "logto/errors.hpp"

#include <emscripten/emscripten.h>

#include <utility>

// EM_JS bodies become one line of JavaScript: no comments inside them, and only double-quoted
// strings (the C preprocessor reads '...' as character constants).
// op: 0 get, 1 set, 2 remove. area: 0 localStorage, 1 sessionStorage. Returns null (nothing to
// say), "v<value>" for a hit, or "e<name>: <message>" when the browser threw. The C++ side frees
// the returned string, which utf8Block (bindings/js/embind-runtime.js) writes. clang-format would
// split JavaScript operators such as !== into C++ tokens, so it stays off for the EM_JS bodies.
// clang-format off
EM_JS(char*, logto_storage_call, (int op, int session, const char* key, const char* value), {
  var out = null;
  try {
    var area = null;
    if (typeof window != "undefined") {
      area = session ? window.sessionStorage : window.localStorage;
    }
    if (area) {
      var k = UTF8ToString(key);
      if (op == 0) {
        var v = area.getItem(k);
        if (v != null) out = "v" + v;
      } else if (op == 1) {
        area.setItem(k, UTF8ToString(value));
      } else {
        area.removeItem(k);
      }
    }
  } catch (e) {
    out = "e" + (e && e.name ? e.name + ": " : "") + (e && e.message ? e.message : String(e));
  }
  return out == null ? 0 : utf8Block(out, false);
});

EM_JS(double, logto_date_now, (), { return Date.now(); });

EM_JS(int, logto_random_fill, (uint8_t * out, size_t size), {
  try {
    for (var i = 0; i < size; i += 65536) {
      crypto.getRandomValues(HEAPU8.subarray(out + i, out + Math.min(size, i + 65536)));
    }
    return 1;
  } catch (e) {
    return 0;
  }
});

// clang-format on

namespace logto::browser {
namespace {

// Runs one storage call: the value of a hit, nothing, or the storage_error.
Result<std::optional<std::string>> call(int op, StorageScope scope, const std::string& key,
                                        const std::string& value = "") {
  JsBlock out(
      logto_storage_call(op, scope == StorageScope::Session ? 1 : 0, key.c_str(), value.c_str()));
  if (!out) return std::optional<std::string>();
  // The first character says which: 'v' a value, 'e' the browser's error.
  std::string text(out.get() + 1);
  if (out.get()[0] == 'e') {
    static const char* const actions[] = {"read", "write", "remove"};
    return storage_error(key, text, actions[op]);
  }
  return std::optional<std::string>(std::move(text));
}

Status status(const Result<std::optional<std::string>>& result) {
  return result ? Status() : Status(result.error());
}

}  // namespace

Result<std::optional<std::string>> WebStorage::get(StorageScope scope, const std::string& key) {
  return call(0, scope, key);
}

Status WebStorage::set(StorageScope scope, const std::string& key, const std::string& value) {
  return status(call(1, scope, key, value));
}

Status WebStorage::remove(StorageScope scope, const std::string& key) {
  return status(call(2, scope, key));
}

double DateClock::now_ms() {
  return logto_date_now();
}

bool CryptoRandom::fill(uint8_t* out, size_t size) {
  return logto_random_fill(out, size) != 0;
}

}  // namespace logto::browser
