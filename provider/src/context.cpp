#include "context.hpp"

#include "db/migrations.hpp"
#include "security/random.hpp"
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
