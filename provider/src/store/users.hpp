// End users. An identifier is a username or an E.164 phone number; passwords are Argon2id.
#pragma once

#include "db/database.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace provider::store {

struct User {
  std::string id;
  std::optional<std::string> username, phone, name, password_hash;
  bool phone_verified = false;
  int64_t created_at = 0;

  nlohmann::json to_json() const;  // never includes the password hash
};

struct UserInput {
  std::optional<std::string> username, phone, name, password;
  bool phone_verified = false;
};

// Throws InvalidInput: no identifier, malformed username or phone, weak password, taken
// username or phone.
User create_user(db::Database& db, const UserInput& input);
std::optional<User> find_user(db::Database& db, const std::string& id);
// By username, or by phone when the identifier starts with '+'.
std::optional<User> find_user_by_identifier(db::Database& db, const std::string& identifier);
std::vector<User> list_users(db::Database& db);
bool delete_user(db::Database& db, const std::string& id);
// Throws InvalidInput for a weak password.
void set_user_password(db::Database& db, const std::string& id, const std::string& password);

}  // namespace provider::store
