#include "store/access_tokens.hpp"

#include "security/hashing.hpp"
#include "security/random.hpp"

namespace provider::store {

std::string issue_access_token(db::Database& db, const std::string& grant_id,
                               const std::string& scope, int64_t now, int64_t ttl_seconds) {
  std::string token = security::random_token(32);
  db.transaction([&] {  // a write: it takes the writer's turn like every other (sqlite.hpp)
    db.prepare(
          "INSERT INTO access_tokens (token_hash, grant_id, scope, expires_at) VALUES (?, ?, ?, "
          "?)")
        .bind(1, security::sha256_hex(token))
        .bind(2, grant_id)
        .bind(3, scope)
        .bind(4, now + ttl_seconds)
        .run();
  });
  return token;
}

std::optional<AccessToken> find_access_token(db::Database& db, const std::string& token) {
  auto s = db.prepare(
      "SELECT a.grant_id, g.user_id, g.client_id, a.scope, a.expires_at, g.revoked FROM "
      "access_tokens a JOIN grants g ON g.id = a.grant_id WHERE a.token_hash = ?");
  s.bind(1, security::sha256_hex(token));
  if (!s.step()) return std::nullopt;
  return AccessToken{s.text(0), s.text(1), s.text(2), s.text(3), s.integer(4), s.integer(5) != 0};
}

bool revoke_access_token(db::Database& db, const std::string& token, const std::string& client_id) {
  db.prepare(
        "DELETE FROM access_tokens WHERE token_hash = ? AND grant_id IN (SELECT id FROM grants "
        "WHERE client_id = ?)")
      .bind(1, security::sha256_hex(token))
      .bind(2, client_id)
      .run();
  return db.changes() > 0;
}

}  // namespace provider::store
