// RAII over SQLite: one Database per connection, one Statement per prepared statement. Every
// query is prepared with bound parameters; no SQL is ever built from input.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace provider::db {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Statement;

class Database {
 public:
  // Opens (creating if needed) the file, in WAL mode with foreign keys on.
  explicit Database(const std::string& path);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database(Database&&) = default;
  Database& operator=(Database&&) = default;

  void exec(const std::string& sql);  // trusted, parameterless SQL (migrations)
  Statement prepare(const std::string& sql);
  // A statement prepared once for this connection and kept with it, reset for another run; for
  // queries asked on every request. Used by whoever holds the connection (one thread at a time).
  Statement& cached(const std::string& sql);
  int64_t changes() const { return sqlite3_changes64(handle_.get()); }
  sqlite3* get() const { return handle_.get(); }

  // Runs `body` in one IMMEDIATE transaction; rolls back if it throws. SQLite admits one
  // writer at a time; the transactions of this process queue on a mutex for that turn instead
  // of on SQLite's busy handler, whose sleeps (up to 100 ms, unfair) left a few requests of a
  // busy second waiting over a second. Held only for the transaction's statements, never for
  // the slow work around it.
  template <typename F>
  void transaction(F&& body) {
    std::lock_guard<std::mutex> turn(writer_turn());
    exec("BEGIN IMMEDIATE");
    try {
      body();
    } catch (...) {
      exec("ROLLBACK");
      throw;
    }
    exec("COMMIT");
  }

 private:
  static std::mutex& writer_turn();
  struct Close {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::unique_ptr<sqlite3, Close> handle_;
  // After handle_: finalized before the connection closes.
  std::vector<std::pair<std::string, std::unique_ptr<Statement>>> cached_;
};

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql);

  // Binds by 1-based position; returns *this for chaining.
  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, std::nullopt_t);
  Statement& bind(int index, const std::optional<std::string>& value);

  // The highest parameter number in the SQL (binding beyond it is an error).
  int parameter_count() const { return sqlite3_bind_parameter_count(stmt_.get()); }

  bool step();   // true while a row is available
  void run();    // steps to completion
  void reset();  // ready to run again (bindings kept), for a statement prepared once

  std::string text(int column) const;
  // Steps through every remaining row, collecting `column`'s text.
  std::vector<std::string> texts(int column = 0);
  std::optional<std::string> optional_text(int column) const;
  int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  struct Finalize {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
};

}  // namespace provider::db
