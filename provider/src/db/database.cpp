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

namespace {
constexpr const char* kLock = "SELECT pg_advisory_lock(7310002)";
constexpr const char* kUnlock = "SELECT pg_advisory_unlock(7310002)";
}  // namespace

StartupLock::StartupLock(const std::string& target) {
  if (!is_postgres_url(target)) return;
  db_ = open_database(target);
  db_->exec(kLock);
}

StartupLock::~StartupLock() {
  if (!db_) return;
  try {
    db_->exec(kUnlock);
  } catch (const Error&) {
    // The connection is gone, and the lock with it.
  }
}

std::unique_ptr<Database> open_database(const std::string& target) {
  if (is_postgres_url(target)) return std::make_unique<PostgresDatabase>(target);
  return std::make_unique<SqliteDatabase>(target);
}

}  // namespace provider::db
