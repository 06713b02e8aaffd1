#include "store/sessions.hpp"

#include "security/random.hpp"

namespace provider::store {
namespace {

// Session and interaction ids are random_token()s: base64url. Anything else (bytes from a
// cookie or a query string) names nothing, on either backend, without asking the database.
bool token_shaped(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Session create_session(db::Database& db, const std::string& user_id, int64_t now,
                       int64_t ttl_seconds) {
  Session s{security::random_token(24), user_id, now};
  db.prepare("INSERT INTO sessions (id, user_id, auth_time, expires_at) VALUES (?, ?, ?, ?)")
      .bind(1, s.id)
      .bind(2, s.user_id)
      .bind(3, now)
      .bind(4, now + ttl_seconds)
      .run();
  return s;
}

std::optional<Session> find_session(db::Database& db, const std::string& id, int64_t now) {
  if (!token_shaped(id)) return std::nullopt;
  auto s =
      db.prepare("SELECT id, user_id, auth_time FROM sessions WHERE id = ? AND expires_at > ?");
  s.bind(1, id).bind(2, now);
  if (!s.step()) return std::nullopt;
  return Session{s.text(0), s.text(1), s.integer(2)};
}

void delete_session(db::Database& db, const std::string& id) {
  db.prepare("DELETE FROM sessions WHERE id = ?").bind(1, id).run();
}

InteractionStart create_interaction(db::Database& db, const nlohmann::json& params,
                                    const std::string& ip, int64_t live_cap, int64_t now,
                                    int64_t ttl_seconds) {
  InteractionStart out;
  Interaction i{security::random_token(24), params};
  std::string text = params.dump();
  db.transaction([&] {
    out = InteractionStart{};  // a run again after a lost race starts afresh
    if (live_cap > 0) {
      auto open = db.prepare(
          "SELECT COUNT(*), MIN(expires_at) FROM interactions WHERE ip = ? AND expires_at > ?");
      open.bind(1, ip).bind(2, now);
      open.step();
      if (open.integer(0) >= live_cap) {
        out.retry_after = open.integer(1) - now;
        return;
      }
    }
    db.prepare(
          "INSERT INTO interactions (id, params, created_at, expires_at, ip) VALUES (?, ?, ?, ?, "
          "?)")
        .bind(1, i.id)
        .bind(2, text)
        .bind(3, now)
        .bind(4, now + ttl_seconds)
        .bind(5, ip)
        .run();
    out.interaction = i;
  });
  return out;
}

std::optional<Interaction> find_interaction(db::Database& db, const std::string& id, int64_t now) {
  if (!token_shaped(id)) return std::nullopt;
  auto s = db.prepare("SELECT id, params FROM interactions WHERE id = ? AND expires_at > ?");
  s.bind(1, id).bind(2, now);
  if (!s.step()) return std::nullopt;
  return Interaction{s.text(0), nlohmann::json::parse(s.text(1))};
}

bool delete_interaction(db::Database& db, const std::string& id) {
  db.prepare("DELETE FROM interactions WHERE id = ?").bind(1, id).run();
  return db.changes() == 1;
}

}  // namespace provider::store
