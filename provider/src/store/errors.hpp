// Input the admin or a client got wrong (400) and things that do not exist (404): Problems
// (errors/problem.hpp) raised by the store's rules, rendered like every other.
#pragma once

#include "errors/problem.hpp"

#include <string>

namespace provider::store {

class InvalidInput : public Problem {
 public:
  InvalidInput(std::string code, const std::string& message,
               nlohmann::json data = nlohmann::json::object())
      : Problem(400, std::move(code), message, std::move(data)) {}
};

class NotFound : public Problem {
 public:
  NotFound(std::string code, const std::string& message) : Problem(404, std::move(code), message) {}
};

}  // namespace provider::store
