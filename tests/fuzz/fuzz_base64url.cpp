// base64url and standard base64 decoding: never crashes; what decodes re-encodes to itself.
#include "logto/encoding/base64url.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (auto bytes = logto::base64url::decode(text)) {
    if (logto::base64url::decode(logto::base64url::encode(*bytes)) != bytes) std::abort();
  }
  (void)logto::base64url::decode_standard(text);
  if (logto::base64url::decode(logto::base64url::encode(text)) != std::string(text)) std::abort();
  return 0;
}
