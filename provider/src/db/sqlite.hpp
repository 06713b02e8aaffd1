// The SQLite backend: one SqliteDatabase per connection, in WAL mode with a busy timeout. Every
// query is prepared with bound parameters; no SQL is ever built from input.
#pragma once

#include "db/database.hpp"

#include <sqlite3.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace provider::db {

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

class SqliteDatabase final : public Database {
 public:
  // Opens (creating if needed) the file, in WAL mode with foreign keys on.
  explicit SqliteDatabase(const std::string& path);

  Dialect dialect() const override { return Dialect::Sqlite; }
  void exec(const std::string& sql) override;
  // One this connection prepared before, reset, when one is idle (it goes back to the
  // connection's cache when the Statement ends).
  Statement prepare(const std::string& sql) override;
  int64_t changes() const override { return sqlite3_changes64(handle_.get()); }

 protected:
  // SQLite admits one writer at a time; the transactions of this process queue on a mutex for
  // that turn instead of on SQLite's busy handler, whose sleeps (up to 100 ms, unfair) left a
  // few requests of a busy second waiting over a second. Held only for the transaction's
  // statements, never for the slow work around it.
  void begin() override;
  void commit() override;
  void rollback() override;

 private:
  static std::mutex& writer_turn();
  void run_cached(const char* sql);
  struct Close {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  std::unique_ptr<sqlite3, Close> handle_;
  // After handle_: finalized before the connection closes.
  std::unique_ptr<StatementCache> statements_ = std::make_unique<StatementCache>();
  std::unique_lock<std::mutex> turn_{writer_turn(), std::defer_lock};
};

}  // namespace provider::db
