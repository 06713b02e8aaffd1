// Twilio's Programmable Messaging, configured as the seed's walkthrough does:
//   {accountSID, authToken, fromMessagingServiceSID,
//    templates: [{usageType: Register|SignIn|ForgotPassword|Generic, content: "...{{code}}..."}],
//    disableRiskCheck?: bool, apiBase?: "https://api.twilio.com"}
#pragma once

#include "connectors/sms_connector.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace provider::connectors {

struct TwilioConfig {
  std::string account_sid, auth_token, messaging_service_sid;
  std::map<UsageType, std::string> templates;
  bool disable_risk_check = false;
  std::string api_base = "https://api.twilio.com";
};

// Throws store::InvalidInput (code connector.invalid_config) naming what is wrong: a missing
// or non-string field, an unknown usageType, missing usage types (all four are required,
// named), a template without {{code}}.
TwilioConfig parse_twilio_config(const nlohmann::json& config);

// The config with authToken masked, for logs and API reads.
nlohmann::json mask_twilio_config(const nlohmann::json& config);

class TwilioConnector final : public SmsConnector {
 public:
  explicit TwilioConnector(TwilioConfig config) : config_(std::move(config)) {}
  std::string name() const override { return "twilio"; }
  void send(const std::string& e164_phone, UsageType usage, const std::string& code) override;

  // The body Twilio receives: the template for `usage` (else Generic) with {{code}} replaced.
  std::string render(UsageType usage, const std::string& code) const;

 private:
  TwilioConfig config_;
};

}  // namespace provider::connectors
