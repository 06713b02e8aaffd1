// The SDK's JSON reader (everything a provider sends passes through it): never crashes, and
// what it accepts writes back to text that reads as the same value. (After one round: invalid
// UTF-8 is written as U+FFFD, so two keys that differed only in invalid bytes become duplicates,
// which then read as one, the last value in the first one's place, as JSON.parse does.)
#include "logto/encoding/json.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  logto::Json value = logto::Json::parse(text);
  if (value.is_discarded()) return 0;
  std::string written = logto::Json::parse(value.dump()).dump();
  logto::Json again = logto::Json::parse(written);
  if (again.is_discarded() || again.dump() != written) std::abort();
  return 0;
}
