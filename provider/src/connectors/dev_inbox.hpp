// The development SMS connector: nothing is sent; each message is kept in memory, printed on
// the provider's log and listed on /dev/sms, so `npm start` works without a Twilio account.
// Only available when the provider runs with --dev.
#pragma once

#include "connectors/sms_connector.hpp"

#include <nlohmann/json.hpp>

#include <mutex>
#include <string>
#include <vector>

namespace provider::connectors {

class DevInbox final : public SmsConnector {
 public:
  std::string name() const override { return "dev-inbox"; }
  void send(const std::string& e164_phone, UsageType usage, const std::string& code) override;
  nlohmann::json messages() const;  // newest first: {to, usageType, body, code, sentAt}

  // The newest messages kept (a few hundred KB at most): enough for 1 000 people signing in at
  // once in the bench to each find their code.
  static constexpr size_t kKept = 2000;

 private:
  mutable std::mutex mutex_;
  std::vector<nlohmann::json> messages_;
};

}  // namespace provider::connectors
