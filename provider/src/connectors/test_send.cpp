#include "connectors/test_send.hpp"

#include "connectors/twilio.hpp"
#include "security/phone.hpp"
#include "store/errors.hpp"

namespace provider::connectors {

std::string test_send(Context& ctx, const std::string& name, const nlohmann::json& config,
                      const std::string& phone) {
  if (name != "twilio") {
    throw store::InvalidInput("connector.unknown",
                              "No SMS connector \"" + name + "\"; use twilio.");
  }
  TwilioConnector connector(parse_twilio_config(config));
  std::string to = security::normalize_phone(phone, ctx.config().phone_region);
  connector.send(to, UsageType::Generic, "123456");
  return to;
}

}  // namespace provider::connectors
