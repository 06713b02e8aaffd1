#include "db/database.hpp"

#include "db/postgres.hpp"
#include "db/sqlite.hpp"

namespace provider::db {

Statement& Statement::bind(int index, const std::string& value) {
  backend_->bind_text(index, value);
  return *this;
}

Statement& Statement::bind(int index, int64_t value) {
  backend_->bind_integer(index, value);
  return *this;
}

Statement& Statement::bind(int index, std::nullopt_t) {
  backend_->bind_null(index);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  return value ? bind(index, *value) : bind(index, std::nullopt);
}

void Statement::run() {
  while (step()) {
  }
}

std::vector<std::string> Statement::texts(int column) {
  std::vector<std::string> out;
  while (step()) out.push_back(text(column));
  return out;
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

bool is_postgres_url(const std::string& target) {
  return target.rfind("postgres://", 0) == 0 || target.rfind("postgresql://", 0) == 0;
}

AdvisoryLock::AdvisoryLock(Database& db, int64_t key) : db_(db), key_(key) {
  db_.exec("SELECT pg_advisory_lock(" + std::to_string(key_) + ")");
}

AdvisoryLock::~AdvisoryLock() {
  try {
    db_.exec("SELECT pg_advisory_unlock(" + std::to_string(key_) + ")");
  } catch (const Error&) {
    // The connection is gone, and the session lock with it.
  }
}

StartupLock::StartupLock(const std::string& target) {
  if (!is_postgres_url(target)) return;
  db_ = open_database(target);
  lock_.emplace(*db_, 7310002);
}

StartupLock::~StartupLock() = default;

std::unique_ptr<Database> open_database(const std::string& target) {
  if (is_postgres_url(target)) return std::make_unique<PostgresDatabase>(target);
  return std::make_unique<SqliteDatabase>(target);
}

}  // namespace provider::db
