// Input the admin or a client got wrong, with a message that says what to fix. The HTTP layer
// turns it into 400 (or 404 for NotFound), the CLI into one line on stderr.
#pragma once

#include <stdexcept>
#include <string>

namespace provider::store {

class InvalidInput : public std::runtime_error {
 public:
  InvalidInput(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

class NotFound : public InvalidInput {
 public:
  using InvalidInput::InvalidInput;
};

}  // namespace provider::store
