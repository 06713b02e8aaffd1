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
#include <unordered_map>
#include <utility>
#include <vector>

namespace provider::db {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Statement;

// A connection's prepared statements, kept for the next `prepare` of the same SQL: parsing
// and planning cost more than running most of our queries (measured: a tenth of a code
// exchange's CPU). All SQL is literal text in the source, so the set is small and bounded.
class StatementCache {
 public:
  StatementCache() = default;
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache();
  // An idle statement for `sql`, or nullptr.
  sqlite3_stmt* take(const std::string& sql);
  // Reset, bindings cleared, kept (or finalized beyond the limit).
  void give_back(sqlite3_stmt* statement);

 private:
  static constexpr size_t kLimit = 512;
  std::unordered_multimap<std::string, sqlite3_stmt*> idle_;
};

class Database {
 public:
  // Opens (creating if needed) the file, in WAL mode with foreign keys on.
  explicit Database(const std::string& path);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database(Database&&) = default;
  Database& operator=(Database&&) = default;

  void exec(const std::string& sql);  // trusted, parameterless SQL (migrations)
  // A statement for `sql`: one this connection prepared before, reset, when one is idle (it
  // goes back to the connection's cache when the Statement ends). The connection is used by
  // whoever holds it, one thread at a time (db/pool.hpp).
  Statement prepare(const std::string& sql);
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
    run_cached("BEGIN IMMEDIATE");
    try {
      body();
    } catch (...) {
      run_cached("ROLLBACK");
      throw;
    }
    run_cached("COMMIT");
  }

 private:
  static std::mutex& writer_turn();
  void run_cached(const char* sql);
  struct Close {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::unique_ptr<sqlite3, Close> handle_;
  // After handle_: finalized before the connection closes. On the heap so that statements
  // still find it when the Database is moved.
  std::unique_ptr<StatementCache> statements_ = std::make_unique<StatementCache>();
};

class Statement {
 public:
  // Takes `sql`'s statement from `cache` or prepares one; returns it there when it ends.
  Statement(sqlite3* db, const std::string& sql, StatementCache* cache = nullptr);

  // Binds by 1-based position; returns *this for chaining.
  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, int64_t value);
  Statement& bind(int index, std::nullopt_t);
  Statement& bind(int index, const std::optional<std::string>& value);

  // The highest parameter number in the SQL (binding beyond it is an error).
  int parameter_count() const { return sqlite3_bind_parameter_count(stmt_.get()); }

  bool step();  // true while a row is available
  void run();   // steps to completion

  std::string text(int column) const;
  // Steps through every remaining row, collecting `column`'s text.
  std::vector<std::string> texts(int column = 0);
  std::optional<std::string> optional_text(int column) const;
  int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  struct Release {
    StatementCache* cache = nullptr;
    void operator()(sqlite3_stmt* s) const {
      if (cache)
        cache->give_back(s);
      else
        sqlite3_finalize(s);
    }
  };
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, Release> stmt_;
};

}  // namespace provider::db
