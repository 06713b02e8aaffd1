// Settings an admin sends (the Twilio connector config and its templates, the sign-in
// experience) and the phone numbers people type: refused with the store's InvalidInput or
// the connector's own error, never a crash or another exception.
#include "connectors/twilio.hpp"
#include "security/phone.hpp"
#include "store/connectors.hpp"
#include "store/errors.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_discarded()) {
    try {
      (void)provider::connectors::parse_twilio_config(json);
    } catch (const provider::store::InvalidInput&) {
    }
    try {
      (void)provider::store::normalize_experience(json);
    } catch (const provider::store::InvalidInput&) {
    }
  }
  try {
    (void)provider::security::normalize_phone(text, "JP");
  } catch (const provider::store::InvalidInput&) {
  }
  return 0;
}
