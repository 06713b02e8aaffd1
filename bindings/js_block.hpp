// A block of wasm memory that the page's JavaScript allocated and filled (utf8Block in
// bindings/js/embind-runtime.js), owned here and freed when it goes out of scope.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>

namespace logto::browser {

struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};

using JsBlock = std::unique_ptr<char, FreeDeleter>;

// The bytes of a counted block (utf8Block's `counted`: a 4-byte length, then the bytes); none
// for no block.
inline std::string_view counted_bytes(const JsBlock& block) {
  if (!block) return {};
  uint32_t size = 0;
  std::memcpy(&size, block.get(), sizeof size);
  return {block.get() + sizeof size, size};
}

}  // namespace logto::browser
