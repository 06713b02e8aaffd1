// The first admin: while no one holds the console-admin role, each start prints a one-time
// link (/console/setup?token=...) that lets whoever opens it create the first admin account.
// Only the token's hash is stored; it works once and for 24 hours.
#pragma once

#include "db/database.hpp"
#include "store/users.hpp"

#include <cstdint>
#include <string>

namespace provider::console {

constexpr int64_t kSetupTokenSeconds = 24 * 3600;

// A new token (replacing any earlier one).
std::string issue_setup_token(db::Database& db, int64_t now);
bool setup_pending(db::Database& db, int64_t now);
// Creates the first admin from `input` when `token` is the live setup token; the token is then
// spent. Throws a 403 Problem (console.setup_invalid) for a wrong, used or expired token, or
// when an admin exists already; the user's own refusals (weak password, taken name) otherwise.
store::User redeem_setup_token(db::Database& db, const std::string& token,
                               const store::UserInput& input, int64_t now);

}  // namespace provider::console
