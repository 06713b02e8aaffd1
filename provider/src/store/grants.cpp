#include "store/grants.hpp"

#include "security/hashing.hpp"
#include "security/random.hpp"

namespace provider::store {

std::string create_grant(db::Database& db, const Grant& grant, int64_t now, int64_t expires_at) {
  std::string id = security::random_token(16);
  db.prepare(
        "INSERT INTO grants (id, user_id, client_id, scope, resources, extra_scope, auth_time, "
        "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, id)
      .bind(2, grant.user_id)
      .bind(3, grant.client_id)
      .bind(4, grant.scope)
      .bind(5, grant.resources)
      .bind(6, grant.extra_scope)
      .bind(7, grant.auth_time)
      .bind(8, now)
      .bind(9, expires_at)
      .run();
  return id;
}

std::optional<Grant> find_grant(db::Database& db, const std::string& id) {
  auto s = db.prepare(
      "SELECT id, user_id, client_id, scope, resources, extra_scope, auth_time, revoked FROM "
      "grants WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return Grant{s.text(0), s.text(1), s.text(2),    s.text(3),
               s.text(4), s.text(5), s.integer(6), s.integer(7) != 0};
}

void revoke_grant(db::Database& db, const std::string& grant_id) {
  db.prepare("UPDATE grants SET revoked = 1 WHERE id = ?").bind(1, grant_id).run();
  db.prepare("UPDATE refresh_tokens SET revoked = 1 WHERE grant_id = ?").bind(1, grant_id).run();
}

std::string create_code(db::Database& db, const CodeRequest& r, int64_t now, int64_t ttl_seconds) {
  std::string code = security::random_token(32);
  db.prepare(
        "INSERT INTO authorization_codes (code_hash, grant_id, redirect_uri, code_challenge, "
        "resource, nonce, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, security::sha256_hex(code))
      .bind(2, r.grant_id)
      .bind(3, r.redirect_uri)
      .bind(4, r.code_challenge)
      .bind(5, r.resource)
      .bind(6, r.nonce)
      .bind(7, now + ttl_seconds)
      .run();
  return code;
}

CodeLookup consume_code(db::Database& db, const std::string& code, int64_t now) {
  CodeLookup out;
  std::string hash = security::sha256_hex(code);
  db.transaction([&] {
    out = CodeLookup{};  // a run again after a lost race starts afresh
    auto s = db.prepare(
        "SELECT c.grant_id, c.redirect_uri, c.code_challenge, c.resource, c.nonce, "
        "c.expires_at, c.used, COALESCE(g.revoked, 1) FROM authorization_codes c "
        "LEFT JOIN grants g ON g.id = c.grant_id WHERE c.code_hash = ?");
    s.bind(1, hash);
    if (!s.step()) return;
    out.request = {s.text(0), s.text(1), s.text(2), s.optional_text(3), s.optional_text(4)};
    out.grant_revoked = s.integer(7) != 0;
    if (s.integer(6) != 0) {
      out.state = CodeState::Reused;
    } else if (s.integer(5) <= now) {
      out.state = CodeState::Expired;
    } else {
      out.state = CodeState::Valid;
    }
    db.prepare("UPDATE authorization_codes SET used = 1 WHERE code_hash = ?").bind(1, hash).run();
  });
  return out;
}

std::string issue_refresh_token(db::Database& db, const std::string& grant_id, int64_t now,
                                int64_t ttl_seconds) {
  std::string token = security::random_token(32);
  db.transaction([&] {  // a write: it takes the writer's turn like every other (sqlite.hpp)
    db.prepare("INSERT INTO refresh_tokens (token_hash, grant_id, expires_at) VALUES (?, ?, ?)")
        .bind(1, security::sha256_hex(token))
        .bind(2, grant_id)
        .bind(3, now + ttl_seconds)
        .run();
    db.prepare(
          "UPDATE grants SET expires_at = CASE WHEN expires_at > ?1 THEN expires_at ELSE ?1 END "
          "WHERE id = ?2")
        .bind(1, now + ttl_seconds)
        .bind(2, grant_id)
        .run();
  });
  return token;
}

RefreshLookup use_refresh_token(db::Database& db, const std::string& token, int64_t now) {
  RefreshLookup out;
  std::string hash = security::sha256_hex(token);
  db.transaction([&] {
    out = RefreshLookup{};  // a run again after a lost race starts afresh
    auto s = db.prepare(
        "SELECT grant_id, expires_at, rotated_at, revoked FROM refresh_tokens WHERE token_hash = "
        "?");
    s.bind(1, hash);
    if (!s.step()) return;
    out.grant_id = s.text(0);
    if (s.integer(3) != 0) {
      out.state = RefreshState::Revoked;
    } else if (s.integer(1) <= now) {
      out.state = RefreshState::Expired;
    } else if (!s.is_null(2)) {
      out.state = now - s.integer(2) <= kRefreshReuseLeewaySeconds ? RefreshState::ReusedInLeeway
                                                                   : RefreshState::Reused;
    } else {
      out.state = RefreshState::Valid;
      db.prepare("UPDATE refresh_tokens SET rotated_at = ? WHERE token_hash = ?")
          .bind(1, now)
          .bind(2, hash)
          .run();
    }
  });
  return out;
}

std::optional<std::string> refresh_token_grant(db::Database& db, const std::string& token) {
  auto s = db.prepare("SELECT grant_id FROM refresh_tokens WHERE token_hash = ?");
  s.bind(1, security::sha256_hex(token));
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

bool revoke_refresh_token(db::Database& db, const std::string& token,
                          const std::string& client_id) {
  db.prepare(
        "UPDATE refresh_tokens SET revoked = 1 WHERE token_hash = ? AND grant_id IN (SELECT id "
        "FROM grants WHERE client_id = ?)")
      .bind(1, security::sha256_hex(token))
      .bind(2, client_id)
      .run();
  return db.changes() > 0;
}

}  // namespace provider::store
