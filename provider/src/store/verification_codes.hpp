// One-time SMS codes: 6 digits from the CSPRNG, stored only as an HMAC under the provider's
// secret, bound to interaction + phone + usage, valid 600 s, burned after 10 wrong tries,
// single use. And the send log behind the rate limits.
#pragma once

#include "db/sqlite.hpp"

#include <string>

namespace provider::store {

constexpr int64_t kVerificationCodeSeconds = 600;
constexpr int64_t kSendWindowSeconds = 600;
constexpr int kMaxSendsPerPhone = 10;
constexpr int kMaxSendsPerIp = 30;
constexpr int kMaxCodeAttempts = 10;

struct SendLimit {
  bool allowed = true;
  int64_t retry_after = 0;  // seconds
  std::string reason;
};
SendLimit check_send_limits(db::Database& db, const std::string& phone, const std::string& ip,
                            int64_t now, int64_t resend_interval);
void record_send(db::Database& db, const std::string& phone, const std::string& ip, int64_t now);

// Makes a new code (earlier ones for the same interaction and phone stop working).
std::string create_verification_code(db::Database& db, const std::string& secret,
                                     const std::string& interaction_id, const std::string& phone,
                                     const std::string& usage, int64_t now);
void delete_verification_code(db::Database& db, const std::string& interaction_id,
                              const std::string& phone);

// The usage of the code waiting for this interaction and phone ("" when none), without
// spending an attempt: lets the caller ask for a password before the code is consumed.
std::string pending_code_usage(db::Database& db, const std::string& interaction_id,
                               const std::string& phone);

enum class CodeCheck { Ok, Wrong, Expired, Burned, None };
struct CodeResult {
  CodeCheck check = CodeCheck::None;
  std::string usage;           // the usage the code was sent for (Ok)
  int remaining_attempts = 0;  // Wrong
};
CodeResult check_verification_code(db::Database& db, const std::string& secret,
                                   const std::string& interaction_id, const std::string& phone,
                                   const std::string& code, int64_t now);

}  // namespace provider::store
