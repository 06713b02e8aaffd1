// The experience API's side of the limits on guessing (store/lockouts.hpp): an attempt is
// reserved before a password or a code is checked, and a locked account or address is told
// when to come back.
#pragma once

#include "context.hpp"
#include "store/lockouts.hpp"

#include <httplib.h>

#include <optional>
#include <string>

namespace provider::interaction {

// The attempt's ticket, or a 429 Problem with Retry-After:
// session.verification_blocked_too_many_attempts while locked out, request.too_many_requests
// while too many attempts are being checked at once. The caller resolves the ticket with
// store::record_failure or store::forgive.
store::GuessTicket reserve_guess(Context& ctx, const httplib::Request& req,
                                 const std::string& account);

}  // namespace provider::interaction
