// What every request handler and CLI command works with: the settings, the database and the
// secrets kept in it. No process-wide lock: a small pool of SQLite connections (WAL, busy
// timeout) leased per store call (db/pool.hpp), every rule that reads then writes is one
// transaction in the store, and the only shared state here (the parsed signing keys) has its
// own small lock.
#pragma once

#include "config.hpp"
#include "connectors/dev_inbox.hpp"
#include "db/database.hpp"
#include "db/pool.hpp"
#include "limits/rate_limiter.hpp"
#include "logto/jose/sign.hpp"
#include "security/ecdsa_signer.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace provider {

// The active signing keys, newest first, and their public JWKS as served.
struct SigningKeySet {
  std::vector<logto::jose::SigningKey> keys;
  std::string jwks_json;
  // The newest key's Nettle signer when it is an EC key (tokens are signed with it); nullptr
  // for an RSA key, which signs through mbedTLS.
  std::unique_ptr<const security::EcdsaSigner> ecdsa;
};

class Context {
 public:
  // Creates the data directory, opens and migrates the database, makes the first signing key
  // and the cookie secret. Throws with a message that says what to do (e.g. a corrupt file).
  explicit Context(Config config);

  const Config& config() const { return config_; }
  // A connection to the database for one store call: `store::f(ctx.db(), ...)`. Hold the lease
  // in a variable only for a few calls in a row, never across slow work.
  db::Lease db();
  const std::string& cookie_secret() const { return cookie_secret_; }
  std::string issuer() const { return config_.issuer(); }

  // The SMS connector to send with: the stored one (Twilio), else the dev inbox in dev mode,
  // else nullptr (no way to send codes; the API says so).
  std::unique_ptr<connectors::SmsConnector> sms_connector();
  connectors::DevInbox& dev_inbox() { return dev_inbox_; }
  std::string sms_connector_description();  // for the start-up log

  // Active signing keys, newest first, parsed once and re-read only when the key table
  // changes. The table is checked at most every kKeysCheckInterval (a `key rotate` from the CLI
  // or another process is seen within it), and at once after this process changes the keys
  // (signing_keys_changed). An immutable snapshot: a request keeps using the one it took while
  // another thread replaces it.
  std::shared_ptr<const SigningKeySet> signing_keys();
  void signing_keys_changed();

  // Per-minute request counts behind the limits on anonymous traffic (http/rate_limits.hpp).
  limits::RateLimiter& rate_limiter() { return rate_limiter_; }

 private:
  static void open(const Config& config);
  Config config_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::string cookie_secret_;
  connectors::DevInbox dev_inbox_;
  std::mutex keys_mutex_;  // guards the four below
  std::string keys_version_;
  std::shared_ptr<const SigningKeySet> keys_;
  std::chrono::steady_clock::time_point keys_checked_{};
  // Bumped by signing_keys_changed: a check that read the table before a change this process
  // made must not count as fresh after it.
  uint64_t keys_generation_ = 0;
  limits::RateLimiter rate_limiter_;
};

int64_t now_seconds();

}  // namespace provider
