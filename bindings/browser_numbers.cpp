// json_text::append_number for the browser modules: a number made in code (an expiry, a memo's
// validUntil, a status in a message) is written as the page's own String(value), which is
// JSON.stringify's text for a finite number. Linked instead of
// sdk/logto/encoding/number_text.cpp's digit loop (an archive member is only linked when
// something still needs it), so the modules carry no number writer; the text is exactly what
// @logto/browser would have written, where the native writer is close for long fractions.
#include "js_block.hpp"
#include "logto/encoding/json.hpp"

#include <emscripten/emscripten.h>

// A counted block (utf8Block in bindings/js/embind-runtime.js). JSON.stringify writes "null"
// for NaN and the infinities, and "0" for -0, as String does.
// clang-format off
EM_JS(char*, logto_number_text, (double value), {
  return utf8Block(isFinite(value) ? String(value) : "null", true);
});
// clang-format on

namespace logto::json_text {

void append_number(std::string& out, double value) {
  browser::JsBlock block(logto_number_text(value));
  std::string_view text = browser::counted_bytes(block);
  out.append(text.data(), text.size());
}

}  // namespace logto::json_text
