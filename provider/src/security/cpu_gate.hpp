// A counting gate for CPU-bound work (Argon2id, ES384 signing): at most `slots` run at once,
// the rest sleep until a slot frees. More at once than there are cores only adds memory,
// preemption and tail latency. A gate is not a lock on any data.
#pragma once

#include <condition_variable>
#include <mutex>

namespace provider::security {

class CpuGate {
 public:
  explicit CpuGate(unsigned slots) : free_(slots) {}
  CpuGate(const CpuGate&) = delete;
  CpuGate& operator=(const CpuGate&) = delete;

  // Holds one slot for its scope.
  class Turn {
   public:
    explicit Turn(CpuGate& gate) : gate_(gate) { gate_.enter(); }
    ~Turn() { gate_.leave(); }
    Turn(const Turn&) = delete;
    Turn& operator=(const Turn&) = delete;

   private:
    CpuGate& gate_;
  };

 private:
  void enter() {
    std::unique_lock<std::mutex> lock(mutex_);
    opened_.wait(lock, [this] { return free_ > 0; });
    --free_;
  }
  void leave() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++free_;
    }
    opened_.notify_one();
  }

  std::mutex mutex_;
  std::condition_variable opened_;
  unsigned free_;
};

// One slot per core (at least two).
unsigned cpu_slots();

}  // namespace provider::security
