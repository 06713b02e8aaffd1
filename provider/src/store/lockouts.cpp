#include "store/lockouts.hpp"

#include <algorithm>

namespace provider::store {

std::string account_key(const std::optional<std::string>& user_id, const std::string& identifier) {
  return user_id ? "user:" + *user_id : "identifier:" + identifier;
}

std::string address_key_for_guesses(const std::string& ip) {
  return "ip:" + ip;
}

namespace {
// An attempt still pending after this long was abandoned (its process died mid-check).
constexpr int64_t kPendingSeconds = 60;
}  // namespace

GuessTicket reserve_guess(db::Database& db, const std::string& account, const std::string& address,
                          int64_t now, const GuessPolicy& policy) {
  GuessTicket ticket;
  const std::pair<const std::string*, int> keys[] = {{&account, policy.per_account},
                                                     {&address, policy.per_ip}};
  db.transaction([&] {
    ticket = GuessTicket{};  // a run again after a lost race starts afresh
    for (const auto& [key, limit] : keys) {
      if (limit <= 0) continue;
      auto locked = db.prepare("SELECT until FROM lockouts WHERE key = ? AND until > ?");
      locked.bind(1, *key).bind(2, now);
      if (locked.step()) {
        ticket.allowed = false;
        ticket.locked = true;
        ticket.retry_after = std::max(ticket.retry_after, locked.integer(0) - now);
        continue;
      }
      auto counts = db.prepare(
          "SELECT COALESCE(SUM(CASE WHEN pending = 0 AND at > ?2 THEN 1 ELSE 0 END), 0), "
          "COALESCE(SUM(CASE WHEN pending = 1 AND at > ?3 THEN 1 ELSE 0 END), 0) "
          "FROM guess_failures WHERE key = ?1");
      counts.bind(1, *key).bind(2, now - policy.window).bind(3, now - kPendingSeconds);
      counts.step();
      int64_t failures = counts.integer(0);
      int64_t in_flight = counts.integer(1);
      if (failures >= limit) {
        db.prepare(
              "INSERT INTO lockouts (key, until) VALUES (?, ?) "
              "ON CONFLICT (key) DO UPDATE SET until = excluded.until")
            .bind(1, *key)
            .bind(2, now + policy.lockout)
            .run();
        db.prepare("DELETE FROM guess_failures WHERE key = ? AND pending = 0").bind(1, *key).run();
        ticket.allowed = false;
        ticket.locked = true;
        ticket.retry_after = std::max(ticket.retry_after, policy.lockout);
      } else if (failures + in_flight >= limit) {
        ticket.allowed = false;
        ticket.retry_after = std::max<int64_t>(ticket.retry_after, 1);
      }
    }
    if (!ticket.allowed) return;
    for (const auto& [key, limit] : keys) {
      if (limit <= 0) continue;
      auto inserted =
          db.prepare("INSERT INTO guess_failures (key, at) VALUES (?, ?) RETURNING rowid");
      inserted.bind(1, *key).bind(2, now).step();
      ticket.records.push_back(inserted.integer(0));
      inserted.run();
    }
  });
  return ticket;
}

void record_failure(db::Database& db, const GuessTicket& ticket) {
  if (ticket.records.empty()) return;
  db.transaction([&] {
    for (int64_t id : ticket.records) {
      db.prepare("UPDATE guess_failures SET pending = 0 WHERE rowid = ?").bind(1, id).run();
    }
  });
}

void forgive(db::Database& db, const GuessTicket& ticket, const std::string& account) {
  db.transaction([&] {
    for (int64_t id : ticket.records) {
      db.prepare("DELETE FROM guess_failures WHERE rowid = ?").bind(1, id).run();
    }
    // Other attempts of the account still being checked keep their rows.
    db.prepare("DELETE FROM guess_failures WHERE key = ? AND pending = 0").bind(1, account).run();
  });
}

int64_t unlock_user(db::Database& db, const User& user) {
  std::vector<std::string> keys = {account_key(user.id, "")};
  if (user.username) keys.push_back(account_key(std::nullopt, *user.username));
  if (user.phone) keys.push_back(account_key(std::nullopt, *user.phone));
  int64_t lifted = 0;
  db.transaction([&] {
    lifted = 0;
    for (const auto& key : keys) {
      db.prepare("DELETE FROM lockouts WHERE key = ?").bind(1, key).run();
      lifted += db.changes();
      db.prepare("DELETE FROM guess_failures WHERE key = ?").bind(1, key).run();
    }
  });
  return lifted;
}

}  // namespace provider::store
