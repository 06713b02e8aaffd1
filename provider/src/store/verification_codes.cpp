#include "store/verification_codes.hpp"

#include "logto/encoding/base64url.hpp"
#include "security/hashing.hpp"
#include "security/random.hpp"

namespace provider::store {
namespace {

std::string code_mac(const std::string& secret, const std::string& id, const std::string& code) {
  return logto::base64url::encode(security::hmac_sha256(secret, id + ":" + code));
}

int count(db::Database& db, const char* sql, const std::string& key, int64_t since) {
  auto s = db.prepare(sql);
  s.bind(1, key).bind(2, since);
  s.step();
  return static_cast<int>(s.integer(0));
}

}  // namespace

namespace {

SendLimit check_send_limits(db::Database& db, const std::string& phone, const std::string& ip,
                            int64_t now, const SendRules& rules) {
  const int64_t resend_interval = rules.resend_interval;
  auto last = db.prepare("SELECT MAX(sent_at) FROM sms_sends WHERE phone = ?");
  last.bind(1, phone);
  last.step();
  if (!last.is_null(0) && now - last.integer(0) < resend_interval) {
    return {false, resend_interval - (now - last.integer(0)),
            "A code was just sent to this number; wait before asking again."};
  }
  int64_t since = now - rules.window;
  if (count(db, "SELECT COUNT(*) FROM sms_sends WHERE phone = ? AND sent_at > ?", phone, since) >=
      kMaxSendsPerPhone) {
    auto first = db.prepare(
        "SELECT MIN(sent_at) FROM (SELECT sent_at FROM sms_sends WHERE phone = ? AND sent_at > ? "
        "ORDER BY sent_at DESC LIMIT ?) AS recent");
    first.bind(1, phone).bind(2, since).bind(3, int64_t{kMaxSendsPerPhone});
    first.step();
    return {false, first.integer(0) + rules.window - now,
            "Too many codes were sent to this number; try again later."};
  }
  if (count(db, "SELECT COUNT(*) FROM sms_sends WHERE ip = ? AND sent_at > ?", ip, since) >=
      kMaxSendsPerIp) {
    return {false, rules.window, "Too many codes were requested; try again later."};
  }
  return {};
}

}  // namespace

SendReservation reserve_send(db::Database& db, const std::string& phone, const std::string& ip,
                             int64_t now, const SendRules& rules) {
  SendReservation out;
  db.transaction([&] {
    out = SendReservation{};  // a run again after a lost race starts afresh
    out.limit = check_send_limits(db, phone, ip, now, rules);
    if (!out.limit.allowed) return;
    auto inserted =
        db.prepare("INSERT INTO sms_sends (phone, ip, sent_at) VALUES (?, ?, ?) RETURNING rowid");
    inserted.bind(1, phone).bind(2, ip).bind(3, now).step();
    out.id = inserted.integer(0);
    inserted.run();
  });
  return out;
}

void release_send(db::Database& db, int64_t id) {
  db.prepare("DELETE FROM sms_sends WHERE rowid = ?").bind(1, id).run();
}

std::string create_verification_code(db::Database& db, const std::string& secret,
                                     const std::string& interaction_id, const std::string& phone,
                                     const std::string& usage, int64_t now, int64_t ttl_seconds) {
  std::string code = security::random_digits(6);
  std::string id = security::random_token(16);
  db.transaction([&] {
    delete_verification_code(db, interaction_id, phone);
    db.prepare(
          "INSERT INTO verification_codes (id, interaction_id, phone, usage, code_hash, "
          "expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, id)
        .bind(2, interaction_id)
        .bind(3, phone)
        .bind(4, usage)
        .bind(5, code_mac(secret, id, code))
        .bind(6, now + ttl_seconds)
        .bind(7, now)
        .run();
  });
  return code;
}

void delete_verification_code(db::Database& db, const std::string& interaction_id,
                              const std::string& phone) {
  db.prepare("DELETE FROM verification_codes WHERE interaction_id = ? AND phone = ?")
      .bind(1, interaction_id)
      .bind(2, phone)
      .run();
}

CodeResult check_verification_code(db::Database& db, const std::string& secret,
                                   const std::string& interaction_id, const std::string& phone,
                                   const std::string& code, int64_t now) {
  CodeResult result;
  db.transaction([&] {
    result = CodeResult{};  // a run again after a lost race starts afresh
    auto s = db.prepare(
        "SELECT id, usage, code_hash, attempts, expires_at, used FROM verification_codes WHERE "
        "interaction_id = ? AND phone = ? ORDER BY created_at DESC LIMIT 1");
    s.bind(1, interaction_id).bind(2, phone);
    if (!s.step() || s.integer(5) != 0) return;  // None
    std::string id = s.text(0);
    if (s.integer(3) >= kMaxCodeAttempts) {
      result.check = CodeCheck::Burned;
      return;
    }
    if (s.integer(4) <= now) {
      result.check = CodeCheck::Expired;
      return;
    }
    bool matches = security::constant_time_equal(code_mac(secret, id, code), s.text(2));
    if (!matches || s.text(1) == kDecoyUsage) {
      int attempts = static_cast<int>(s.integer(3)) + 1;
      db.prepare("UPDATE verification_codes SET attempts = ? WHERE id = ?")
          .bind(1, int64_t{attempts})
          .bind(2, id)
          .run();
      result.check = attempts >= kMaxCodeAttempts ? CodeCheck::Burned : CodeCheck::Wrong;
      result.remaining_attempts = kMaxCodeAttempts - attempts;
      return;
    }
    result.check = CodeCheck::Ok;
    result.id = id;
    result.usage = s.text(1);
  });
  return result;
}

bool consume_verification_code(db::Database& db, const std::string& id) {
  db.prepare("UPDATE verification_codes SET used = 1 WHERE id = ? AND used = 0").bind(1, id).run();
  return db.changes() == 1;
}

}  // namespace provider::store
