#include "security/cpu_gate.hpp"

#include <algorithm>
#include <thread>

namespace provider::security {

unsigned cpu_slots() {
  return std::max(2u, std::thread::hardware_concurrency());
}

}  // namespace provider::security
