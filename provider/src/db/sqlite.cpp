#include "db/sqlite.hpp"

namespace provider::db {
namespace {

void check(sqlite3* db, int rc, const std::string& what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw Error(what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  }
}

class SqliteStatement final : public StatementBackend {
 public:
  // Takes `sql`'s statement from `cache` or prepares one; returns it there when it ends.
  SqliteStatement(sqlite3* db, const std::string& sql, StatementCache* cache)
      : db_(db), stmt_(nullptr, Release{cache}) {
    if (sqlite3_stmt* idle = cache->take(sql)) {
      stmt_.reset(idle);
      return;
    }
    sqlite3_stmt* raw = nullptr;
    // Persistent: the statement is meant to be kept and reused (SQLite plans for that).
    int rc = sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(raw);
      check(db, rc, "cannot prepare statement");
    }
    // Kept only if it comes back under the same text (a trailing second statement would not).
    if (sql != sqlite3_sql(raw)) stmt_.get_deleter().cache = nullptr;
    stmt_.reset(raw);
  }

  void bind_text(int index, const std::string& value) override {
    check(db_,
          sqlite3_bind_text(stmt_.get(), index, value.data(), static_cast<int>(value.size()),
                            SQLITE_TRANSIENT),
          "bind");
  }
  void bind_integer(int index, int64_t value) override {
    check(db_, sqlite3_bind_int64(stmt_.get(), index, value), "bind");
  }
  void bind_null(int index) override { check(db_, sqlite3_bind_null(stmt_.get(), index), "bind"); }
  int parameter_count() const override { return sqlite3_bind_parameter_count(stmt_.get()); }
  bool step() override {
    int rc = sqlite3_step(stmt_.get());
    check(db_, rc, "query failed");
    return rc == SQLITE_ROW;
  }
  std::string text(int column) const override {
    auto p = sqlite3_column_text(stmt_.get(), column);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), column)))
             : std::string();
  }
  int64_t integer(int column) const override { return sqlite3_column_int64(stmt_.get(), column); }
  bool is_null(int column) const override {
    return sqlite3_column_type(stmt_.get(), column) == SQLITE_NULL;
  }

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

}  // namespace

SqliteDatabase::SqliteDatabase(const std::string& path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  handle_.reset(raw);
  check(raw, rc, "cannot open database " + path);
  sqlite3_busy_timeout(raw, 5000);
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=NORMAL");
  exec("PRAGMA foreign_keys=ON");
  // A burst of writes can grow the WAL; after each checkpoint it is cut back to 4 MiB.
  exec("PRAGMA journal_size_limit=4194304");
  exec("PRAGMA mmap_size=268435456");
}

StatementCache::~StatementCache() {
  for (auto& [sql, statement] : idle_) sqlite3_finalize(statement);
}

sqlite3_stmt* StatementCache::take(const std::string& sql) {
  auto found = idle_.find(sql);
  if (found == idle_.end()) return nullptr;
  sqlite3_stmt* statement = found->second;
  idle_.erase(found);
  return statement;
}

void StatementCache::give_back(sqlite3_stmt* statement) {
  // Reset ends any read it was in the middle of (a SELECT left on a row keeps its snapshot).
  sqlite3_reset(statement);
  sqlite3_clear_bindings(statement);
  if (idle_.size() >= kLimit) {
    sqlite3_finalize(statement);
    return;
  }
  idle_.emplace(sqlite3_sql(statement), statement);
}

void SqliteDatabase::run_cached(const char* sql) {
  prepare(sql).run();
}

std::mutex& SqliteDatabase::writer_turn() {
  static std::mutex turn;
  return turn;
}

void SqliteDatabase::begin() {
  turn_.lock();
  try {
    run_cached("BEGIN IMMEDIATE");
  } catch (...) {
    turn_.unlock();
    throw;
  }
}

void SqliteDatabase::commit() {
  try {
    run_cached("COMMIT");
  } catch (...) {
    rollback();
    throw;
  }
  turn_.unlock();
}

void SqliteDatabase::rollback() {
  // Never throws: it runs while another exception is on its way out.
  if (!sqlite3_get_autocommit(handle_.get())) {
    sqlite3_exec(handle_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
  if (turn_.owns_lock()) turn_.unlock();
}

void SqliteDatabase::exec(const std::string& sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(handle_.get(), sql.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw Error("SQL failed: " + text);
  }
}

Statement SqliteDatabase::prepare(const std::string& sql) {
  return Statement(std::make_unique<SqliteStatement>(handle_.get(), sql, statements_.get()));
}

}  // namespace provider::db
