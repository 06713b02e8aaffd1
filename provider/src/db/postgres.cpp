#include "db/postgres.hpp"

#include "http/input.hpp"  // valid_utf8, the one UTF-8 check of the provider

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>
#include <vector>

namespace provider::db {

PostgresSql postgres_parameters(const std::string& sql) {
  PostgresSql out;
  out.text.reserve(sql.size() + 8);
  int next = 0;
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
      out.text += c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out.text += c;
      continue;
    }
    if (c != '?') {
      out.text += c;
      continue;
    }
    size_t digits = i + 1;
    while (digits < sql.size() && sql[digits] >= '0' && sql[digits] <= '9') ++digits;
    int number = digits > i + 1 ? std::atoi(sql.substr(i + 1, digits - i - 1).c_str()) : ++next;
    if (number > next) next = number;
    if (static_cast<size_t>(number) > out.used.size()) out.used.resize(static_cast<size_t>(number));
    out.used[static_cast<size_t>(number - 1)] = true;
    out.text += '$' + std::to_string(number);
    i = digits - 1;
  }
  return out;
}

namespace {

class PostgresStatement final : public StatementBackend {
 public:
  PostgresStatement(PostgresDatabase* db, const PostgresDatabase::Translation& sql)
      : db_(db), sql_(sql), values_(static_cast<size_t>(sql.second.parameters())) {}

  void bind_text(int index, const std::string& value) override {
    if (!http::valid_utf8(value)) {
      throw InvalidTextError("parameter " + std::to_string(index) + " is not valid UTF-8");
    }
    slot(index) = value;
  }
  void bind_integer(int index, int64_t value) override { slot(index) = std::to_string(value); }
  void bind_null(int index) override { slot(index).reset(); }
  int parameter_count() const override { return sql_.second.parameters(); }

  bool step() override {
    if (!result_.result) {
      std::vector<const char*> values;
      for (const auto& v : values_) values.push_back(v ? v->c_str() : nullptr);
      result_ = db_->run(sql_, values.data());
      row_ = -1;
    }
    return ++row_ < PQntuples(result_.result.get());
  }
  std::string text(int column) const override {
    const PGresult* r = result_.result.get();
    return std::string(PQgetvalue(r, row_, column),
                       static_cast<size_t>(PQgetlength(r, row_, column)));
  }
  int64_t integer(int column) const override {
    const char* v = PQgetvalue(result_.result.get(), row_, column);
    if (v[0] == 't') return 1;  // a boolean column
    if (v[0] == 'f') return 0;
    return std::strtoll(v, nullptr, 10);
  }
  bool is_null(int column) const override {
    return PQgetisnull(result_.result.get(), row_, column) != 0;
  }

 private:
  std::optional<std::string>& slot(int index) {
    if (index < 1 || index > parameter_count()) {
      throw Error("bind: parameter " + std::to_string(index) + " is out of range");
    }
    return values_[static_cast<size_t>(index - 1)];
  }
  PostgresDatabase* db_;
  const PostgresDatabase::Translation& sql_;
  std::vector<std::optional<std::string>> values_;
  PostgresDatabase::Result result_;
  int row_ = -1;
};

// libpq's messages end in a newline.
std::string trimmed(std::string message) {
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  return message;
}

bool retryable(const char* state) {
  if (!state) return false;
  std::string s = state;
  return s == "40001" || s == "40P01";  // serialization failure, deadlock
}

}  // namespace

PostgresDatabase::PostgresDatabase(const std::string& url) : url_(url) {
  ensure_connected();
}

void PostgresDatabase::ensure_connected() {
  if (conn_ && PQstatus(conn_.get()) == CONNECTION_OK) return;
  if (in_transaction_) {
    in_transaction_ = false;
    throw UnavailableError("the connection to PostgreSQL was lost during a transaction");
  }
  prepared_.clear();
  conn_.reset(PQconnectdb(url_.c_str()));
  if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK) {
    std::string reason = trimmed(conn_ ? PQerrorMessage(conn_.get()) : "out of memory");
    conn_.reset();
    throw UnavailableError("cannot connect to PostgreSQL (databaseUrl): " + reason);
  }
  // Notices (e.g. "relation already exists, skipping") are not for the provider's log.
  PQsetNoticeProcessor(
      conn_.get(), [](void*, const char*) {}, nullptr);
}

void PostgresDatabase::fail(const PGresult* result, const std::string& what) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string message =
      trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_.get()));
  if (retryable(state)) throw RetryableError(what + ": " + message);
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    throw UnavailableError("PostgreSQL went away: " + message);
  }
  throw Error(what + ": " + message);
}

PostgresDatabase::Result PostgresDatabase::run(const Translation& sql, const char* const* values) {
  ensure_connected();
  const PostgresSql& translated = sql.second;
  const int parameters = translated.parameters();
  auto found = prepared_.find(sql.first);
  if (found == prepared_.end()) {
    std::string name = "s" + std::to_string(prepared_.size());
    // A number the SQL skips (the sweeper's rules use some of four) has no context to take a
    // type from; it is an unused integer.
    std::vector<Oid> types;
    for (bool used : translated.used) types.push_back(used ? 0 : 20);  // 20: int8
    Result prepared{std::unique_ptr<PGresult, Result::Clear>(
        PQprepare(conn_.get(), name.c_str(), translated.text.c_str(), parameters, types.data()))};
    if (PQresultStatus(prepared.result.get()) != PGRES_COMMAND_OK) {
      fail(prepared.result.get(), "cannot prepare statement");
    }
    found = prepared_.emplace(sql.first, name).first;
  }
  Result out{std::unique_ptr<PGresult, Result::Clear>(
      PQexecPrepared(conn_.get(), found->second.c_str(), parameters, values, nullptr, nullptr, 0))};
  auto status = PQresultStatus(out.result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    fail(out.result.get(), "query failed");
  }
  const char* tuples = PQcmdTuples(out.result.get());
  changes_ = tuples && *tuples ? std::strtoll(tuples, nullptr, 10) : 0;
  return out;
}

void PostgresDatabase::exec(const std::string& sql) {
  ensure_connected();
  Result out{std::unique_ptr<PGresult, Result::Clear>(PQexec(conn_.get(), sql.c_str()))};
  auto status = PQresultStatus(out.result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(out.result.get(), "SQL failed");
}

Statement PostgresDatabase::prepare(const std::string& sql) {
  auto found = translations_.find(sql);
  if (found == translations_.end()) {
    found = translations_.emplace(sql, postgres_parameters(sql)).first;
  }
  return Statement(std::make_unique<PostgresStatement>(this, *found));
}

void PostgresDatabase::pause_before_retry(int attempt) {
  // Transactions that collided would collide again if they retried at once: a random pause
  // in a window that doubles with each attempt (0.5 ms, 1 ms, ... up to 64 ms).
  thread_local std::minstd_rand jitter(std::random_device{}());
  const unsigned window = 500u << std::min(attempt - 1, 7);
  std::this_thread::sleep_for(std::chrono::microseconds(jitter() % window));
}

void PostgresDatabase::begin() {
  exec("BEGIN ISOLATION LEVEL SERIALIZABLE");
  in_transaction_ = true;
}

void PostgresDatabase::commit() {
  in_transaction_ = false;
  exec("COMMIT");
}

void PostgresDatabase::rollback() {
  // Never throws: it runs while another exception is on its way out.
  in_transaction_ = false;
  if (conn_ && PQstatus(conn_.get()) == CONNECTION_OK) {
    PQclear(PQexec(conn_.get(), "ROLLBACK"));
  }
}

}  // namespace provider::db
