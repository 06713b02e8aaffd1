#include "connectors/sms_connector.hpp"

namespace provider::connectors {

const char* usage_name(UsageType usage) {
  switch (usage) {
    case UsageType::Register:
      return "Register";
    case UsageType::SignIn:
      return "SignIn";
    case UsageType::ForgotPassword:
      return "ForgotPassword";
    case UsageType::Generic:
      return "Generic";
  }
  return "Generic";
}

std::optional<UsageType> parse_usage(const std::string& name) {
  for (auto u :
       {UsageType::Register, UsageType::SignIn, UsageType::ForgotPassword, UsageType::Generic}) {
    if (name == usage_name(u)) return u;
  }
  return std::nullopt;
}

}  // namespace provider::connectors
