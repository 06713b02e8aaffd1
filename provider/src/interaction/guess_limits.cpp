#include "interaction/guess_limits.hpp"

#include "http/rate_limits.hpp"
#include "interaction/experience.hpp"
#include "limits/rate_limiter.hpp"

namespace provider::interaction {

store::GuessTicket reserve_guess(Context& ctx, const httplib::Request& req,
                                 const std::string& account) {
  const auto& l = ctx.config().lockout;
  auto ticket = store::reserve_guess(
      ctx.db(), account,
      store::address_key_for_guesses(limits::address_key(http::client_ip(ctx, req))), now_seconds(),
      {l.failures_per_account, l.failures_per_ip, l.window, l.duration});
  if (ticket.allowed) return ticket;
  if (!ticket.locked) {
    throw Problem(429, "request.too_many_requests",
                  "Too many sign-in attempts are being checked at once. Try again in a moment.")
        .retry_in(ticket.retry_after);
  }
  int64_t minutes = (ticket.retry_after + 59) / 60;
  throw Problem(429, "session.verification_blocked_too_many_attempts",
                "Too many failed attempts. Try again in " + std::to_string(minutes) +
                    (minutes == 1 ? " minute." : " minutes."))
      .retry_in(ticket.retry_after);
}

}  // namespace provider::interaction
