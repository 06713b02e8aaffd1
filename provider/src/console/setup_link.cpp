#include "console/setup_link.hpp"

#include "console/admin_access.hpp"
#include "errors/problem.hpp"
#include "security/hashing.hpp"
#include "security/random.hpp"

namespace provider::console {
namespace {

struct Stored {
  std::string hash;
  int64_t expires_at = 0;
};

std::optional<Stored> stored(db::Database& db) {
  auto s = db.prepare("SELECT value FROM meta WHERE key = 'console_setup_token'");
  if (!s.step()) return std::nullopt;
  auto value = s.text(0);
  auto colon = value.find(':');
  if (colon == std::string::npos) return std::nullopt;
  return Stored{value.substr(colon + 1), std::stoll(value.substr(0, colon))};
}

Problem invalid() {
  return Problem(403, "console.setup_invalid",
                 "This setup link is not valid any more: it was used, it expired, or an admin "
                 "exists already. Restart the provider for a new link, or run `logto-provider "
                 "user create --admin`.");
}

bool live(db::Database& db, const std::string& token, int64_t now) {
  auto s = stored(db);
  return s && s->expires_at > now && !has_admin(db) &&
         security::constant_time_equal(security::sha256_hex(token), s->hash);
}

}  // namespace

std::string issue_setup_token(db::Database& db, int64_t now) {
  std::string token = security::random_token(32);
  db.prepare(
        "INSERT INTO meta (key, value) VALUES ('console_setup_token', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind(1, std::to_string(now + kSetupTokenSeconds) + ":" + security::sha256_hex(token))
      .run();
  return token;
}

bool setup_pending(db::Database& db, int64_t now) {
  auto s = stored(db);
  return s && s->expires_at > now && !has_admin(db);
}

store::User redeem_setup_token(db::Database& db, const std::string& token,
                               const store::UserInput& input, int64_t now) {
  if (!live(db, token, now)) throw invalid();
  ensure_admin_model(db);
  // The user first (its own transaction, Argon2 outside it); then token and role as one rule,
  // so two people racing with one link get one admin.
  auto user = store::create_user(db, input);
  bool won = false;
  db.transaction([&] {
    if (!live(db, token, now)) return;
    db.exec("DELETE FROM meta WHERE key = 'console_setup_token'");
    won = true;
  });
  if (!won) {
    store::delete_user(db, user.id);
    throw invalid();
  }
  make_admin(db, user.id);
  return user;
}

}  // namespace provider::console
