// The PostgreSQL backend (libpq), for several provider instances sharing one database. Every
// statement is prepared once per connection and run with bound text parameters; the store's
// `?` parameters become `$n`. Transactions are SERIALIZABLE: a rule that reads then writes
// behaves as if it ran alone, across every instance, and one that lost a race is run again
// (db::RetryableError). A connection that broke (the server restarted, the network dropped)
// is re-established on its next use, so service resumes without a restart.
#pragma once

#include "db/database.hpp"

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace provider::db {

// The store's SQL as PostgreSQL takes it: `?` and `?N` parameters (SQLite's) as `$N`, outside
// quoted text, and which numbers the text uses (`used[n - 1]`; its size is the highest).
struct PostgresSql {
  std::string text;
  std::vector<bool> used;
  int parameters() const { return static_cast<int>(used.size()); }
};
PostgresSql postgres_parameters(const std::string& sql);

class PostgresDatabase final : public Database {
 public:
  // Connects to `url` (postgres://user@host/db or postgresql:///db?host=/socket/dir). Throws
  // db::UnavailableError with libpq's reason when it cannot.
  explicit PostgresDatabase(const std::string& url);

  Dialect dialect() const override { return Dialect::Postgres; }
  void exec(const std::string& sql) override;
  Statement prepare(const std::string& sql) override;
  int64_t changes() const override { return changes_; }

  // For the statements: runs `sql` (an entry of translations_, which outlives them), preparing
  // it on this connection first if needed.
  struct Result {
    struct Clear {
      void operator()(PGresult* r) const { PQclear(r); }
    };
    std::unique_ptr<PGresult, Clear> result;
  };
  using Translation = std::pair<const std::string, PostgresSql>;
  Result run(const Translation& sql, const char* const* values);

 protected:
  void pause_before_retry(int attempt) override;
  void begin() override;
  void commit() override;
  void rollback() override;

 private:
  struct Finish {
    void operator()(PGconn* c) const { PQfinish(c); }
  };
  void ensure_connected();
  [[noreturn]] void fail(const PGresult* result, const std::string& what);
  std::string url_;
  std::unique_ptr<PGconn, Finish> conn_;
  // SQL -> its translation: made once per text, kept for the connection's life (the store's SQL
  // is literal text, a small set), and not tied to the server connection, so kept across a
  // reconnect.
  std::unordered_map<std::string, PostgresSql> translations_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name, this session
  int64_t changes_ = 0;
  bool in_transaction_ = false;
};

}  // namespace provider::db
