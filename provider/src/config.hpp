// Provider settings: defaults, then a JSON config file, then environment, then command-line
// flags (each later source wins).
//
//   {"port": 3001, "host": "127.0.0.1", "publicUrl": "http://localhost:3001",
//    "dataDir": "./.data", "databaseUrl": "postgresql://...", "adminToken": "...", "dev": false,
//    "authorizationCodeTtl": 60, "phoneDefaultRegion": "JP", "smsResendInterval": 60,
//    "verificationCodeTtl": 600, "connectors": {"twilio": {...}}, "signInExperience": {...}}
//
//   env: LOGTO_PROVIDER_CONFIG (file), LOGTO_DATA_DIR, LOGTO_DATABASE_URL, LOGTO_ADMIN_TOKEN,
//   LOGTO_PUBLIC_URL
//   flags (before the command): --config FILE --data-dir DIR --port N --host H
//   --public-url URL --dev
#pragma once

#include "http/client_address.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace provider {

struct Config {
  std::string host = "127.0.0.1";
  int port = 3001;
  std::string public_url;  // default http://localhost:{port}
  std::string data_dir = "./.data";
  // PostgreSQL shared by every instance (docs/provider.md); empty: SQLite in data_dir.
  std::string database_url;
  std::string admin_token;
  std::string admin_token_source;  // where admin_token came from, for the start-up log
  bool dev = false;
  int authorization_code_ttl = 60;  // seconds, 1..600
  std::string phone_region = "JP";  // for numbers typed without a country code
  int sms_resend_interval = 60;     // seconds between two codes to one number, 1..600
  int verification_code_ttl = 600;  // seconds an SMS code stays valid, 1..3600
  int sms_limit_window = 600;       // the window of the per-number and per-IP send limits
  // Lifetimes (seconds). Short values are for tests and the soak bench.
  int interaction_ttl = 600;               // a sign-in left open, 1..86400
  int session_ttl = 14 * 24 * 3600;        // the browser session, 1..31536000
  int access_token_ttl = 3600;             // access and ID tokens, 1..86400
  int refresh_token_ttl = 14 * 24 * 3600;  // each refresh token, access_token_ttl..31536000
  int sweep_interval = 60;                 // seconds between two sweeps of expired rows, 1..3600
  // Where the client's address comes from behind proxies (http/client_address.hpp):
  // trustedProxies, forwardedHeader, and the older trustProxy (the last X-Forwarded-For entry
  // from any peer).
  http::ProxyTrust proxy_trust;
  struct RateLimits {  // per minute (a window of 60 s) unless named otherwise; 0 turns one off
    int authorize_per_ip = 300;           // GET/POST /oidc/auth
    int live_interactions_per_ip = 1000;  // sign-ins open at once from one IP
    int sign_in_page_per_ip = 300;        // GET /sign-in
    int experience_per_ip = 600;          // /api/experience/*
    int token_per_ip = 600;               // POST /oidc/token
    int token_per_client = 6000;          // POST /oidc/token, per application
  } rate_limits;
  struct Lockout {  // online guessing of passwords and SMS codes (store/lockouts.hpp)
    int failures_per_account = 20;  // in the window, then a lockout (0: no limit)
    int failures_per_ip = 100;
    int window = 3600;    // seconds, 1..86400
    int duration = 3600;  // seconds locked, 1..86400
  } lockout;
  nlohmann::json connectors;          // {"twilio": {...}}: stored on start when given
  nlohmann::json sign_in_experience;  // stored on start when given

  std::string issuer() const { return public_url + "/oidc"; }
  std::string database_path() const { return data_dir + "/provider.db"; }
  // What db::open_database opens: the PostgreSQL URL, or the SQLite file.
  std::string database_target() const {
    return database_url.empty() ? database_path() : database_url;
  }
  bool postgres() const { return !database_url.empty(); }
};

// Consumes the global flags at the front of `args` (leaving the command and its arguments).
// Throws std::invalid_argument with a message naming the bad flag, file or value.
Config load_config(std::vector<std::string>& args);

}  // namespace provider
