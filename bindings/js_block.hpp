// A block of wasm memory that the page's JavaScript allocated and filled (utf8Block in
// bindings/js/embind-runtime.js), owned here and freed when it goes out of scope.
#pragma once

#include <cstdlib>
#include <memory>

namespace logto::browser {

struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};

using JsBlock = std::unique_ptr<char, FreeDeleter>;

}  // namespace logto::browser
