// The SMS-connector interface: one implementation per provider (Twilio, the dev inbox), chosen
// by the stored connector configuration.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace provider::connectors {

// Logto's template usage types.
enum class UsageType { Register, SignIn, ForgotPassword, Generic };

const char* usage_name(UsageType usage);
std::optional<UsageType> parse_usage(const std::string& name);

// A send that failed. `what()` is for the admin and the log (it carries the SMS provider's own
// code and message); end users only ever see "could not send the code, try again later".
class ConnectorError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class SmsConnector {
 public:
  virtual ~SmsConnector() = default;
  virtual std::string name() const = 0;  // "twilio", "dev-inbox"
  // Sends the template for `usage` with {{code}} replaced. Throws ConnectorError.
  virtual void send(const std::string& e164_phone, UsageType usage, const std::string& code) = 0;
};

}  // namespace provider::connectors
