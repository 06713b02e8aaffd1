// One-time SMS codes: 6 digits from the CSPRNG, stored only as an HMAC under the provider's
// secret, bound to interaction + phone + usage, burned after 10 wrong tries,
// single use (600 s by default). And the send log behind the rate limits.
#pragma once

#include "db/database.hpp"

#include <string>

namespace provider::store {

constexpr int kMaxSendsPerPhone = 10;  // per window (smsLimitWindow, 600 s by default)
constexpr int kMaxSendsPerIp = 30;
constexpr int kMaxCodeAttempts = 10;
// The usage of a code stored where nothing may be delivered (an unknown number signing in, a
// known one registering): it is never sent and never matches, and counts attempts like any.
constexpr const char* kDecoyUsage = "Decoy";

struct SendLimit {
  bool allowed = true;
  int64_t retry_after = 0;  // seconds
  std::string reason;
};
struct SendReservation {
  SendLimit limit;
  int64_t id = 0;  // the send's record, when allowed
};
// Checks the limits and records the send in one transaction, before anything is sent, so
// concurrent requests for one number cannot all pass the check: exactly as many sends as the
// limits allow are reserved. A send that then fails is released (it does not count).
struct SendRules {
  int64_t resend_interval;  // seconds between two sends to one number
  int64_t window;           // seconds over which kMaxSendsPerPhone and kMaxSendsPerIp count
};
SendReservation reserve_send(db::Database& db, const std::string& phone, const std::string& ip,
                             int64_t now, const SendRules& rules);
void release_send(db::Database& db, int64_t id);

// Makes a new code (earlier ones for the same interaction and phone stop working).
std::string create_verification_code(db::Database& db, const std::string& secret,
                                     const std::string& interaction_id, const std::string& phone,
                                     const std::string& usage, int64_t now, int64_t ttl_seconds);
void delete_verification_code(db::Database& db, const std::string& interaction_id,
                              const std::string& phone);

enum class CodeCheck { Ok, Wrong, Expired, Burned, None };
struct CodeResult {
  CodeCheck check = CodeCheck::None;
  std::string id;              // the code's row (Ok), for consume_verification_code
  std::string usage;           // the usage the code was sent for (Ok)
  int remaining_attempts = 0;  // Wrong
};
// Checks the code, counting a wrong one. A right code is not spent yet: the caller may still
// need a password from the person, and asks for it only after the code proved the phone (so
// the answer never tells whether a number is registered). consume_verification_code spends it.
CodeResult check_verification_code(db::Database& db, const std::string& secret,
                                   const std::string& interaction_id, const std::string& phone,
                                   const std::string& code, int64_t now);
// Spends the code; true for the one caller that spent it (two requests with one right code
// at once: one goes on, the other is told there is no code).
bool consume_verification_code(db::Database& db, const std::string& id);

}  // namespace provider::store
