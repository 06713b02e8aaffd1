#include "maintenance/sweeper.hpp"

#include "store/sweep.hpp"
#include "store/verification_codes.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>

namespace provider::maintenance {

Sweeper::Sweeper(Context& ctx) : ctx_(ctx), thread_([this] { run(); }) {}

Sweeper::~Sweeper() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

nlohmann::json Sweeper::sweep_once(Context& ctx) {
  int64_t now = now_seconds();
  // A send counts toward the per-number and per-IP windows and the resend interval.
  int64_t send_log =
      std::max<int64_t>(ctx.config().sms_limit_window, ctx.config().sms_resend_interval);
  auto report = store::sweep_expired(ctx.db(), now, send_log, ctx.config().lockout.window);
  nlohmann::json removed = nlohmann::json::object();
  for (const auto& [kind, count] : report.removed) removed[kind] = count;
  return {{"removed", removed},
          {"pagesReclaimed", report.pages_reclaimed},
          {"rateLimitKeysForgotten", ctx.rate_limiter().forget_ended(now)}};
}

void Sweeper::run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, std::chrono::seconds(ctx_.config().sweep_interval),
                   [this] { return stopping_; });
    if (stopping_) return;
    lock.unlock();
    try {
      auto result = sweep_once(ctx_);
      int64_t total = 0;
      for (const auto& [kind, count] : result["removed"].items()) total += count.get<int64_t>();
      if (total > 0 || result["pagesReclaimed"].get<int64_t>() > 0) {
        std::cout << "[provider] swept " << result.dump() << std::endl;
      }
    } catch (const std::exception& e) {
      // A busy or failing database: the next pass tries again.
      std::cerr << "[provider] sweep failed: " << e.what() << std::endl;
    }
    lock.lock();
  }
}

}  // namespace provider::maintenance
