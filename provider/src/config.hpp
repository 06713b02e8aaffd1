// Provider settings: defaults, then a JSON config file, then environment, then command-line
// flags (each later source wins).
//
//   {"port": 3001, "host": "127.0.0.1", "publicUrl": "http://localhost:3001",
//    "dataDir": "./.data", "adminToken": "...", "dev": false, "authorizationCodeTtl": 60,
//    "phoneDefaultRegion": "JP", "smsResendInterval": 60,
//    "verificationCodeTtl": 600, "connectors": {"twilio": {...}}, "signInExperience": {...}}
//
//   env: LOGTO_PROVIDER_CONFIG (file), LOGTO_DATA_DIR, LOGTO_ADMIN_TOKEN, LOGTO_PUBLIC_URL
//   flags (before the command): --config FILE --data-dir DIR --port N --host H
//   --public-url URL --dev
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace provider {

struct Config {
  std::string host = "127.0.0.1";
  int port = 3001;
  std::string public_url;  // default http://localhost:{port}
  std::string data_dir = "./.data";
  std::string admin_token;
  std::string admin_token_source;  // where admin_token came from, for the start-up log
  bool dev = false;
  int authorization_code_ttl = 60;    // seconds, 1..600
  std::string phone_region = "JP";    // for numbers typed without a country code
  int sms_resend_interval = 60;       // seconds between two codes to one number, 1..600
  int verification_code_ttl = 600;    // seconds an SMS code stays valid, 1..3600
  nlohmann::json connectors;          // {"twilio": {...}}: stored on start when given
  nlohmann::json sign_in_experience;  // stored on start when given

  std::string issuer() const { return public_url + "/oidc"; }
  std::string database_path() const { return data_dir + "/provider.db"; }
};

// Consumes the global flags at the front of `args` (leaving the command and its arguments).
// Throws std::invalid_argument with a message naming the bad flag, file or value.
Config load_config(std::vector<std::string>& args);

}  // namespace provider
