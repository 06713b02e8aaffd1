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

namespace provider::db {

class PostgresDatabase final : public Database {
 public:
  // Connects to `url` (postgres://user@host/db or postgresql:///db?host=/socket/dir). Throws
  // db::UnavailableError with libpq's reason when it cannot.
  explicit PostgresDatabase(const std::string& url);

  Dialect dialect() const override { return Dialect::Postgres; }
  void exec(const std::string& sql) override;
  Statement prepare(const std::string& sql) override;
  int64_t changes() const override { return changes_; }

  // For the statements: runs a prepared statement, or prepares it first.
  struct Result {
    struct Clear {
      void operator()(PGresult* r) const { PQclear(r); }
    };
    std::unique_ptr<PGresult, Clear> result;
  };
  Result run(const std::string& sql, const std::string& translated, int parameters,
             const char* const* values);

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
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
  int64_t changes_ = 0;
  bool in_transaction_ = false;
};

// `?` and `?N` parameters (SQLite's) as `$N`, outside quoted text; sets the highest number.
std::string postgres_parameters(const std::string& sql, int& count);

}  // namespace provider::db
