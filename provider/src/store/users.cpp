#include "store/users.hpp"

#include "security/password.hpp"
#include "security/random.hpp"
#include "store/errors.hpp"

#include <ctime>

namespace provider::store {
namespace {

const char* kColumns =
    "SELECT id, username, phone, name, password_hash, phone_verified, created_at FROM users";

User read(db::Statement& s) {
  return User{s.text(0),          s.optional_text(1), s.optional_text(2), s.optional_text(3),
              s.optional_text(4), s.integer(5) != 0,  s.integer(6)};
}

bool valid_username(const std::string& u) {
  if (u.empty() || u.size() > 128) return false;
  if (!(std::isalpha(static_cast<unsigned char>(u[0])) || u[0] == '_')) return false;
  for (char c : u) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

bool valid_e164(const std::string& p) {
  if (p.size() < 8 || p.size() > 16 || p[0] != '+' || p[1] == '0') return false;
  for (size_t i = 1; i < p.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(p[i]))) return false;
  }
  return true;
}

}  // namespace

nlohmann::json User::to_json() const {
  return {{"id", id},
          {"username", username ? nlohmann::json(*username) : nlohmann::json()},
          {"phone", phone ? nlohmann::json(*phone) : nlohmann::json()},
          {"name", name ? nlohmann::json(*name) : nlohmann::json()},
          {"hasPassword", password_hash.has_value()},
          {"phoneVerified", phone_verified},
          {"createdAt", created_at}};
}

User create_user(db::Database& db, const UserInput& in) {
  if (!in.username && !in.phone) {
    throw InvalidInput("user.missing_identifier", "Give a username or a phone number.");
  }
  if (in.username && !valid_username(*in.username)) {
    throw InvalidInput("user.invalid_username",
                       "username: letters, digits and _, starting with a letter or _.");
  }
  if (in.phone && !valid_e164(*in.phone)) {
    throw InvalidInput("user.invalid_phone",
                       "phone: use E.164, a + and 7 to 15 digits, e.g. +819012345678.");
  }
  if (in.password) {
    if (auto problem = security::password_problem(*in.password)) {
      throw InvalidInput("user.weak_password", *problem);
    }
  }
  // Argon2id first, outside the transaction: slow work holds no lock.
  User user{security::random_id(12),
            in.username,
            in.phone,
            in.name,
            in.password ? std::optional<std::string>(security::hash_password(*in.password))
                        : std::nullopt,
            in.phone_verified,
            static_cast<int64_t>(std::time(nullptr))};
  // "Not taken, then insert" as one rule: two registrations of one number at once get one
  // user and one user.phone_taken.
  db.transaction([&] {
    if (in.username && find_user_by_identifier(db, *in.username)) {
      throw InvalidInput("user.username_taken", "username \"" + *in.username + "\" is taken.");
    }
    if (in.phone && find_user_by_identifier(db, *in.phone)) {
      throw InvalidInput("user.phone_taken", "phone " + *in.phone + " is already registered.");
    }
    db.prepare(
          "INSERT INTO users (id, username, phone, name, password_hash, phone_verified, "
          "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, user.id)
        .bind(2, user.username)
        .bind(3, user.phone)
        .bind(4, user.name)
        .bind(5, user.password_hash)
        .bind(6, int64_t{user.phone_verified ? 1 : 0})
        .bind(7, user.created_at)
        .run();
  });
  return user;
}

std::optional<User> find_user(db::Database& db, const std::string& id) {
  auto s = db.prepare(std::string(kColumns) + " WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read(s);
}

std::optional<User> find_user_by_identifier(db::Database& db, const std::string& identifier) {
  bool phone = !identifier.empty() && identifier[0] == '+';
  auto s = db.prepare(std::string(kColumns) + (phone ? " WHERE phone = ?" : " WHERE username = ?"));
  s.bind(1, identifier);
  if (!s.step()) return std::nullopt;
  return read(s);
}

std::vector<User> list_users(db::Database& db) {
  auto s = db.prepare(std::string(kColumns) + " ORDER BY created_at, id");
  std::vector<User> out;
  while (s.step()) out.push_back(read(s));
  return out;
}

bool delete_user(db::Database& db, const std::string& id) {
  db.prepare("DELETE FROM users WHERE id = ?").bind(1, id).run();
  return db.changes() > 0;
}

}  // namespace provider::store

namespace provider::store {

void set_user_password(db::Database& db, const std::string& id, const std::string& password) {
  if (auto problem = security::password_problem(password)) {
    throw InvalidInput("user.weak_password", *problem);
  }
  db.prepare("UPDATE users SET password_hash = ? WHERE id = ?")
      .bind(1, security::hash_password(password))
      .bind(2, id)
      .run();
}

}  // namespace provider::store
