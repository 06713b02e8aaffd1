#include "store/signing_keys.hpp"

#include "security/random.hpp"
#include "store/errors.hpp"

#include <ctime>

namespace provider::store {

void ensure_signing_key(db::Database& db) {
  auto s = db.prepare("SELECT 1 FROM signing_keys WHERE retired_at IS NULL");
  if (!s.step()) rotate_signing_key(db);
}

std::string rotate_signing_key(db::Database& db) {
  std::string kid = security::random_token(12);
  auto key = logto::jose::SigningKey::generate("ES384", kid, security::system_random());
  db.prepare("INSERT INTO signing_keys (kid, alg, private_jwk, created_at) VALUES (?, ?, ?, ?)")
      .bind(1, kid)
      .bind(2, key.alg())
      .bind(3, key.private_jwk().dump())
      .bind(4, static_cast<int64_t>(std::time(nullptr)))
      .run();
  return kid;
}

void retire_signing_key(db::Database& db, const std::string& kid) {
  auto active = db.prepare("SELECT kid FROM signing_keys WHERE retired_at IS NULL");
  int count = 0;
  bool found = false;
  while (active.step()) {
    ++count;
    found = found || active.text(0) == kid;
  }
  if (!found) throw NotFound("key.not_found", "No active signing key with kid \"" + kid + "\".");
  if (count == 1) {
    throw InvalidInput("key.last_key",
                       "\"" + kid + "\" is the only active key; run 'key rotate' first.");
  }
  db.prepare("UPDATE signing_keys SET retired_at = ? WHERE kid = ?")
      .bind(1, static_cast<int64_t>(std::time(nullptr)))
      .bind(2, kid)
      .run();
}

std::vector<logto::jose::SigningKey> active_signing_keys(db::Database& db) {
  auto s = db.prepare(
      "SELECT private_jwk FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC, "
      "rowid DESC");
  std::vector<logto::jose::SigningKey> keys;
  while (s.step()) {
    keys.push_back(logto::jose::SigningKey::from_private_jwk(nlohmann::json::parse(s.text(0))));
  }
  return keys;
}

nlohmann::json list_signing_keys(db::Database& db) {
  auto s = db.prepare(
      "SELECT kid, alg, created_at, retired_at FROM signing_keys ORDER BY created_at, rowid");
  auto out = nlohmann::json::array();
  while (s.step()) {
    out.push_back({{"kid", s.text(0)},
                   {"alg", s.text(1)},
                   {"createdAt", s.integer(2)},
                   {"retiredAt", s.is_null(3) ? nlohmann::json() : nlohmann::json(s.integer(3))}});
  }
  return out;
}

}  // namespace provider::store
