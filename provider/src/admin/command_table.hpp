// What the command files share: a command is a plain function of the context and its JSON
// input, and the input readers refuse a missing or mistyped field by name.
#pragma once

#include "admin/commands.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace provider::admin {

using Input = nlohmann::json;
using CommandFn = CommandResult (*)(Context&, const Input&);
using CommandTable = std::map<std::string, CommandFn>;

std::optional<std::string> optional_string(const Input& in, const char* key);
std::string required_string(const Input& in, const char* key);
// The strings under the first of `keys` present: an array of strings or one string. Refuses
// (InvalidInput naming keys[0]) when none is present, a value is not a string, or the list
// is empty.
std::vector<std::string> required_strings(const Input& in, std::initializer_list<const char*> keys);

template <typename T>
nlohmann::json to_array(const std::vector<T>& items) {
  auto out = nlohmann::json::array();
  for (const auto& item : items) out.push_back(item.to_json());
  return out;
}

// Resources and their permissions, roles, users' roles, organizations and their template
// (admin/authorization_commands.cpp).
void add_authorization_commands(CommandTable& table);

}  // namespace provider::admin
