#include "logto/list.hpp"

#include <cstring>
#include <new>

namespace logto::detail {

void list_reserve(ListBytes& list, size_t bytes) {
  size_t used = size_t(list.end - list.begin);
  size_t capacity = size_t(list.cap - list.begin);
  size_t wanted = capacity * 2 > bytes ? capacity * 2 : bytes;
  // As std::vector's allocation: without exceptions, a failure ends the module.
  auto* fresh = static_cast<char*>(::operator new(wanted));
  if (used) std::memcpy(fresh, list.begin, used);
  ::operator delete(list.begin);
  list = {fresh, fresh + used, fresh + wanted};
}

}  // namespace logto::detail
