// Limits on online guessing of passwords and SMS codes (shaped like Logto's sentinel: a number
// of failures in a window, then a lockout). Failures count per account (the user, or for an
// identifier no account has, the identifier itself, so an unknown number locks exactly like a
// known one) and per client address. Stored, so they survive a restart; each check-and-record
// is one transaction, and the attempt is recorded (as pending) *before* the password or code is
// checked, so N concurrent guesses against a limit L get at most L checks. Only failures start a
// lockout: attempts still being checked only make a further one wait a moment.
#pragma once

#include "db/database.hpp"
#include "store/users.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace provider::store {

struct GuessPolicy {
  int per_account;  // failures in the window before a lockout (0: no limit)
  int per_ip;
  int64_t window;   // seconds
  int64_t lockout;  // seconds
};

struct GuessTicket {
  bool allowed = true;
  bool locked = false;           // refused by a lockout (else: too many attempts in flight)
  int64_t retry_after = 0;       // when refused: seconds until the lockout ends
  std::vector<int64_t> records;  // the attempt's failure rows, removed if it was right
};

// The key that counts an account's failures: its user id, or the identifier no account has.
std::string account_key(const std::optional<std::string>& user_id, const std::string& identifier);
std::string address_key_for_guesses(const std::string& ip);

// Refuses while the account or the address is locked out (or its failures reach the limit
// now, which starts the lockout), or while failures plus attempts being checked reach it;
// otherwise records the attempt as pending.
GuessTicket reserve_guess(db::Database& db, const std::string& account, const std::string& address,
                          int64_t now, const GuessPolicy& policy);
// A wrong guess: the pending attempt becomes a failure.
void record_failure(db::Database& db, const GuessTicket& ticket);
// A right guess: the attempt is not a failure, and the account's count starts again.
void forgive(db::Database& db, const GuessTicket& ticket, const std::string& account);
// The admin's unlock: the user's lockout and failures are removed, including those counted
// under its identifiers before the account existed. Returns how many lockouts were lifted.
int64_t unlock_user(db::Database& db, const User& user);

}  // namespace provider::store
