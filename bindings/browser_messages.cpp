// base_message for the browser modules: none. The page's JavaScript puts @logto's base message
// before the core's (toJsError in js/src/errors.js, from the tables its error classes use for
// their default messages), so those texts ship once, in JavaScript. Linked instead of
// sdk/logto/error_messages.cpp (an archive member is only linked when something still needs
// it); a thrown error's message reads the same either way.
#include "logto/errors.hpp"

namespace logto {

std::string base_message(ErrorClass, const std::string&) {
  return std::string();
}

}  // namespace logto
