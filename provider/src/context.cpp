#include "context.hpp"

#include "connectors/twilio.hpp"
#include "db/migrations.hpp"
#include "security/random.hpp"
#include "store/connectors.hpp"
#include "store/signing_keys.hpp"
#include "store/sweep.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

namespace provider {

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void Context::open(const Config& config) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    throw db::Error("cannot create the data directory " + config.data_dir + ": " + ec.message());
  }
  try {
    auto db = db::open_database(config.database_target());
    if (db->dialect() == db::Dialect::Sqlite) {
      try {
        store::enable_incremental_vacuum(*db);
      } catch (const db::Error& e) {
        // Another process holds the file (an old database opened beside a running server): the
        // next start tries again; until then swept pages are reused, not given back.
        std::cerr << "[provider] incremental vacuum not turned on yet: " << e.what() << std::endl;
      }
    }
    db::migrate(*db);
  } catch (const db::Error& e) {
    if (config.postgres()) throw db::Error(std::string(e.what()) + " (databaseUrl)");
    throw db::Error(std::string(e.what()) + " (data directory " + config.data_dir +
                    "; if the file is corrupt, move it away and start again)");
  }
}

db::Lease Context::db() {
  return pool_->acquire();
}

Context::Context(Config config) : config_(std::move(config)) {
  open(config_);
  // Enough for two cores' worth of short store calls and a transaction waiting its turn; a
  // connection is only held for the length of a store call.
  size_t cores = std::max(1u, std::thread::hardware_concurrency());
  pool_ = std::make_unique<db::ConnectionPool>(config_.database_target(),
                                               std::max<size_t>(8, 4 * cores));
  auto lease = db();
  db::Database& database = lease;
  store::ensure_signing_key(database);
  // Connectors given in the config file are validated and stored, as the CLI would.
  if (config_.connectors.is_object() && config_.connectors.contains("twilio")) {
    store::save_sms_connector(database, "twilio", config_.connectors["twilio"]);
  }
  if (config_.sign_in_experience.is_object()) {
    store::save_experience_settings(database, config_.sign_in_experience);
  }
  // Made once; a CLI command starting beside the server keeps whichever was stored first.
  database
      .prepare("INSERT INTO meta (key, value) VALUES ('cookie_secret', ?) ON CONFLICT DO NOTHING")
      .bind(1, security::random_token(32))
      .run();
  auto s = database.prepare("SELECT value FROM meta WHERE key = 'cookie_secret'");
  s.step();
  cookie_secret_ = s.text(0);
}

}  // namespace provider

namespace provider {
namespace {

// Forwards to the context's dev inbox (which outlives every request).
class DevInboxRef final : public connectors::SmsConnector {
 public:
  explicit DevInboxRef(connectors::DevInbox& inbox) : inbox_(inbox) {}
  std::string name() const override { return inbox_.name(); }
  void send(const std::string& phone, connectors::UsageType usage,
            const std::string& code) override {
    inbox_.send(phone, usage, code);
  }

 private:
  connectors::DevInbox& inbox_;
};

}  // namespace

namespace {
// How stale the key set may be when another process changed it. Checking on every request
// cost a third of a JWKS answer's CPU under load; 10 ms is below anything a person or a
// script that rotates and then fetches could notice.
constexpr auto kKeysCheckInterval = std::chrono::milliseconds(10);
}  // namespace

void Context::signing_keys_changed() {
  std::lock_guard<std::mutex> lock(keys_mutex_);
  keys_checked_ = {};
  ++keys_generation_;
}

std::shared_ptr<const SigningKeySet> Context::signing_keys() {
  const auto now = std::chrono::steady_clock::now();
  uint64_t generation = 0;
  {
    std::lock_guard<std::mutex> lock(keys_mutex_);
    if (keys_ && !keys_->keys.empty() && now - keys_checked_ < kKeysCheckInterval) return keys_;
    generation = keys_generation_;
  }
  std::string version;
  {
    auto lease = db();
    auto s = lease->prepare("SELECT kid FROM signing_keys WHERE retired_at IS NULL ORDER BY kid");
    for (const auto& kid : s.texts()) version += kid + " ";
  }
  {
    std::lock_guard<std::mutex> lock(keys_mutex_);
    if (keys_ && version == keys_version_ && !keys_->keys.empty()) {
      if (generation == keys_generation_) keys_checked_ = now;
      return keys_;
    }
  }
  // Parsed outside the lock; the newest version wins if two threads race here.
  SigningKeySet set{store::active_signing_keys(db()), "", nullptr};
  if (!set.keys.empty()) {
    set.ecdsa = security::EcdsaSigner::from_private_jwk(set.keys.front().private_jwk());
  }
  auto keys = nlohmann::json::array();
  for (const auto& key : set.keys) keys.push_back(key.public_jwk());
  set.jwks_json = nlohmann::json{{"keys", keys}}.dump();
  auto fresh = std::make_shared<const SigningKeySet>(std::move(set));
  std::lock_guard<std::mutex> lock(keys_mutex_);
  keys_ = fresh;
  keys_version_ = version;
  if (generation == keys_generation_) keys_checked_ = now;
  return keys_;
}

std::unique_ptr<connectors::SmsConnector> Context::sms_connector() {
  if (auto stored = store::find_sms_connector(db())) {
    return std::make_unique<connectors::TwilioConnector>(
        connectors::parse_twilio_config((*stored)["config"]));
  }
  if (config_.dev) return std::make_unique<DevInboxRef>(dev_inbox_);
  return nullptr;
}

std::string Context::sms_connector_description() {
  if (auto stored = store::find_sms_connector(db())) {
    return "twilio (" +
           (*stored)["config"].value("apiBase", std::string("https://api.twilio.com")) + ")";
  }
  return config_.dev ? "dev inbox (messages on this log and at /dev/sms)"
                     : "none: configure one with 'connector set twilio'";
}

}  // namespace provider
