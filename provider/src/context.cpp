#include "context.hpp"

#include "connectors/twilio.hpp"
#include "db/migrations.hpp"
#include "security/random.hpp"
#include "store/connectors.hpp"
#include "store/signing_keys.hpp"

#include <chrono>
#include <filesystem>

namespace provider {

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

db::Database Context::open(const Config& config) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    throw db::Error("cannot create the data directory " + config.data_dir + ": " + ec.message());
  }
  try {
    db::Database db(config.database_path());
    db::migrate(db);
    return db;
  } catch (const db::Error& e) {
    throw db::Error(std::string(e.what()) + " (data directory " + config.data_dir +
                    "; if the file is corrupt, move it away and start again)");
  }
}

Context::Context(Config config) : config_(std::move(config)), db_(open(config_)) {
  store::ensure_signing_key(db_);
  // Connectors given in the config file are validated and stored, as the CLI would.
  if (config_.connectors.is_object() && config_.connectors.contains("twilio")) {
    store::save_sms_connector(db_, "twilio", config_.connectors["twilio"]);
  }
  if (config_.sign_in_experience.is_object()) {
    store::save_experience_settings(db_, config_.sign_in_experience);
  }
  auto s = db_.prepare("SELECT value FROM meta WHERE key = 'cookie_secret'");
  if (s.step()) {
    cookie_secret_ = s.text(0);
  } else {
    cookie_secret_ = security::random_token(32);
    db_.prepare("INSERT INTO meta (key, value) VALUES ('cookie_secret', ?)")
        .bind(1, cookie_secret_)
        .run();
  }
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

const std::vector<logto::jose::SigningKey>& Context::signing_keys() {
  auto s = db_.prepare(
      "SELECT group_concat(kid, ' ') FROM (SELECT kid FROM signing_keys WHERE retired_at IS NULL "
      "ORDER BY kid)");
  s.step();
  std::string version = s.text(0);
  if (version != keys_version_ || keys_.empty()) {
    keys_ = store::active_signing_keys(db_);
    keys_version_ = version;
  }
  return keys_;
}

std::unique_ptr<connectors::SmsConnector> Context::sms_connector() {
  if (auto stored = store::find_sms_connector(db_)) {
    return std::make_unique<connectors::TwilioConnector>(
        connectors::parse_twilio_config((*stored)["config"]));
  }
  if (config_.dev) return std::make_unique<DevInboxRef>(dev_inbox_);
  return nullptr;
}

std::string Context::sms_connector_description() {
  if (auto stored = store::find_sms_connector(db_)) {
    return "twilio (" +
           (*stored)["config"].value("apiBase", std::string("https://api.twilio.com")) + ")";
  }
  return config_.dev ? "dev inbox (messages on this log and at /dev/sms)"
                     : "none: configure one with 'connector set twilio'";
}

}  // namespace provider
