// The background sweep: every `sweepInterval` seconds, expired rows are removed
// (store/sweep.hpp) and ended rate-limit windows forgotten, on a thread of its own with its own
// connection, so no request waits for it beyond one small batch's transaction.
#pragma once

#include "context.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

namespace provider::maintenance {

class Sweeper {
 public:
  explicit Sweeper(Context& ctx);
  ~Sweeper();  // stops and joins the thread (a sweep under way finishes its batch first)
  Sweeper(const Sweeper&) = delete;
  Sweeper& operator=(const Sweeper&) = delete;

  // One pass now; returns what it removed, as the `db sweep` command prints it.
  static nlohmann::json sweep_once(Context& ctx);

 private:
  void run();
  Context& ctx_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace provider::maintenance
