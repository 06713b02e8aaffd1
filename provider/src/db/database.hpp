// The provider's store behind one interface with two backends: SQLite (embedded, the default;
// db/sqlite.hpp) and PostgreSQL through libpq for several instances sharing one database
// (db/postgres.hpp), chosen by `databaseUrl`. The store's SQL is written once in the subset
// both speak (`?` parameters, ON CONFLICT, RETURNING); what differs (the schema's types, the
// sweeper's row ids, vacuum and size figures) asks dialect().
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace provider::db {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A transaction that lost a race with another (PostgreSQL's serialization failure or
// deadlock): Database::transaction runs it again.
class RetryableError : public Error {
 public:
  using Error::Error;
};

// The database cannot be reached (PostgreSQL down, the network between): the request fails
// with 503 and the next one tries a new connection.
class UnavailableError : public Error {
 public:
  using Error::Error;
};

// A text parameter that is not UTF-8 (bytes from a query string): PostgreSQL refuses it where
// SQLite would store or compare it as given. The request fails with 400, not 500.
class InvalidTextError : public Error {
 public:
  using Error::Error;
};

enum class Dialect { Sqlite, Postgres };

// One prepared statement of a backend.
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  virtual void bind_text(int index, const std::string& value) = 0;
  virtual void bind_integer(int index, int64_t value) = 0;
  virtual void bind_null(int index) = 0;
  virtual int parameter_count() const = 0;
  virtual bool step() = 0;
  virtual std::string text(int column) const = 0;
  virtual int64_t integer(int column) const = 0;
  virtual bool is_null(int column) const = 0;
};

class Statement {
 public:
  explicit Statement(std::unique_ptr<StatementBackend> backend) : backend_(std::move(backend)) {}

  // Binds by 1-based position; returns *this for chaining.
  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, std::nullopt_t);
  Statement& bind(int index, const std::optional<std::string>& value);

  // The highest parameter number in the SQL (binding beyond it is an error).
  int parameter_count() const { return backend_->parameter_count(); }

  bool step() { return backend_->step(); }  // true while a row is available
  void run();                               // steps to completion

  std::string text(int column) const { return backend_->text(column); }
  // Steps through every remaining row, collecting `column`'s text.
  std::vector<std::string> texts(int column = 0);
  std::optional<std::string> optional_text(int column) const;
  int64_t integer(int column) const { return backend_->integer(column); }
  bool is_null(int column) const { return backend_->is_null(column); }

 private:
  std::unique_ptr<StatementBackend> backend_;
};

// One connection, used by one thread at a time (db/pool.hpp).
class Database {
 public:
  virtual ~Database() = default;

  virtual Dialect dialect() const = 0;
  virtual void exec(const std::string& sql) = 0;  // trusted, parameterless SQL (migrations)
  // A statement for `sql` with `?` parameters; backends keep prepared statements for reuse.
  virtual Statement prepare(const std::string& sql) = 0;
  // Rows changed by the last INSERT, UPDATE or DELETE on this connection.
  virtual int64_t changes() const = 0;

  // Runs `body` as one transaction that sees and writes as if no other ran beside it (SQLite:
  // one writer at a time; PostgreSQL: SERIALIZABLE). Rolls back if it throws. On PostgreSQL a
  // transaction that lost a race is run again, so `body` must only assign what it produces,
  // never add to what an earlier run left. Never hold one across slow work.
  template <typename F>
  void transaction(F&& body) {
    for (int attempt = 1;; ++attempt) {
      begin();
      try {
        body();
      } catch (const RetryableError&) {
        rollback();
        if (attempt >= kAttempts) throw;
        pause_before_retry(attempt);
        continue;
      } catch (...) {
        rollback();
        throw;
      }
      try {
        commit();
        return;
      } catch (const RetryableError&) {
        if (attempt >= kAttempts) throw;
        pause_before_retry(attempt);
      }
    }
  }

 protected:
  // Enough for a few dozen transactions colliding on one key (PostgreSQL) to all get through.
  static constexpr int kAttempts = 30;
  virtual void pause_before_retry(int /*attempt*/) {}
  virtual void begin() = 0;
  virtual void commit() = 0;  // on failure the transaction is over (rolled back)
  virtual void rollback() = 0;
};

// A PostgreSQL session advisory lock on `db`, held for the object's life. Taken outside any
// transaction: a SERIALIZABLE transaction's snapshot is its first statement's, so one that
// waited for a lock inside would still see the database as it was before the holder's work.
class AdvisoryLock {
 public:
  AdvisoryLock(Database& db, int64_t key);
  AdvisoryLock(const AdvisoryLock&) = delete;
  AdvisoryLock& operator=(const AdvisoryLock&) = delete;
  ~AdvisoryLock();

 private:
  Database& db_;
  int64_t key_;
};

// Held while a process sets up what a new database needs (migrations, the first signing key,
// the Console's records): instances starting together on one PostgreSQL database take turns,
// so the second finds the first's work instead of making its own copy. Nothing on SQLite.
class StartupLock {
 public:
  explicit StartupLock(const std::string& target);
  StartupLock(const StartupLock&) = delete;
  StartupLock& operator=(const StartupLock&) = delete;
  ~StartupLock();

 private:
  std::unique_ptr<Database> db_;      // its own connection ...
  std::optional<AdvisoryLock> lock_;  // ... holding the lock (released before it closes)
};

// Opens a connection: a PostgreSQL URL (postgres:// or postgresql://) or else a SQLite file.
// Throws db::Error saying what to fix.
std::unique_ptr<Database> open_database(const std::string& target);
bool is_postgres_url(const std::string& target);

}  // namespace provider::db
