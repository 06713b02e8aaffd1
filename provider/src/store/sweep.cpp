#include "store/sweep.hpp"

#include <sys/stat.h>

#include <thread>

namespace provider::store {
namespace {

struct Rule {
  const char* kind;
  const char* table;
  // The WHERE condition; ?1 is now, ?2 and ?4 the send log's and the guess window's cut-offs.
  const char* expired;
};

// In an order where a later rule sees what an earlier one freed (codes of a swept interaction).
// Grants go after their codes and tokens; each grant's expiry is at least theirs, so the
// cascade from a grant finds nothing still live.
const Rule kRules[] = {
    {"interactions", "interactions", "expires_at <= ?1"},
    {"verificationCodes", "verification_codes",
     "expires_at <= ?1 OR interaction_id NOT IN (SELECT id FROM interactions)"},
    {"sessions", "sessions", "expires_at <= ?1"},
    {"authorizationCodes", "authorization_codes", "expires_at <= ?1"},
    {"refreshTokens", "refresh_tokens", "expires_at <= ?1"},
    {"accessTokens", "access_tokens", "expires_at <= ?1"},
    {"grants", "grants", "expires_at <= ?1"},
    {"smsSends", "sms_sends", "sent_at <= ?2"},
    {"guessFailures", "guess_failures", "at <= ?4"},
    {"lockouts", "lockouts", "until <= ?1"},
};

int64_t single_integer(db::Database& db, const std::string& sql) {
  auto s = db.prepare(sql);
  s.step();
  return s.integer(0);
}

int64_t file_size(const std::string& path) {
  struct stat st {};
  return stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
}

}  // namespace

int64_t SweepReport::total() const {
  int64_t n = 0;
  for (const auto& [kind, count] : removed) n += count;
  return n;
}

SweepReport sweep_expired(db::Database& db, int64_t now, int64_t send_log_seconds,
                          int64_t guess_window_seconds, int64_t batch) {
  SweepReport report;
  // Each row's physical id, for deleting a batch at a time.
  const std::string row_id = db.dialect() == db::Dialect::Postgres ? "ctid" : "rowid";
  for (const Rule& rule : kRules) {
    std::string sql = std::string("DELETE FROM ") + rule.table + " WHERE " + row_id +
                      " IN (SELECT " + row_id + " FROM " + rule.table + " WHERE " + rule.expired +
                      " LIMIT ?3)";
    int64_t removed = 0;
    for (;;) {
      int64_t changed = 0;
      db.transaction([&] {
        changed = 0;
        auto s = db.prepare(sql);
        // Each rule uses some of the four numbered parameters; bind those it has.
        const int64_t values[] = {now, now - send_log_seconds, batch, now - guess_window_seconds};
        for (int n = 1; n <= s.parameter_count(); ++n) s.bind(n, values[n - 1]);
        s.run();
        changed = db.changes();
      });
      removed += changed;
      if (changed < batch) break;
      std::this_thread::yield();  // let waiting requests take the writer's turn
    }
    report.removed.emplace_back(rule.kind, removed);
  }
  // PostgreSQL's autovacuum gives freed space back on its own.
  if (db.dialect() == db::Dialect::Postgres) return report;
  // Freed pages go back to the file system a chunk at a time; a few are kept for reuse.
  for (;;) {
    int64_t free_pages = single_integer(db, "PRAGMA freelist_count");
    if (free_pages <= 64) break;
    int64_t before = free_pages;
    db.transaction([&] { db.exec("PRAGMA incremental_vacuum(512)"); });
    int64_t after = single_integer(db, "PRAGMA freelist_count");
    if (after >= before) break;  // not in incremental mode
    report.pages_reclaimed += before - after;
    std::this_thread::yield();
  }
  // The file itself shrinks when the WAL is copied back; do it now rather than at the next
  // automatic checkpoint (passive: it waits for no reader and no writer).
  if (report.pages_reclaimed > 0) db.exec("PRAGMA wal_checkpoint(PASSIVE)");
  return report;
}

nlohmann::json database_stats(db::Database& db, const std::string& path) {
  nlohmann::json rows = nlohmann::json::object();
  for (const char* table : {"interactions", "verification_codes", "sessions", "authorization_codes",
                            "refresh_tokens", "access_tokens", "grants", "sms_sends",
                            "guess_failures", "lockouts", "users", "applications"}) {
    rows[table] = single_integer(db, std::string("SELECT COUNT(*) FROM ") + table);
  }
  if (db.dialect() == db::Dialect::Postgres) {
    return {{"rows", rows},
            {"databaseBytes", single_integer(db, "SELECT pg_database_size(current_database())")}};
  }
  int64_t page_size = single_integer(db, "PRAGMA page_size");
  return {{"rows", rows},
          {"pages", single_integer(db, "PRAGMA page_count")},
          {"freePages", single_integer(db, "PRAGMA freelist_count")},
          {"pageSize", page_size},
          {"fileBytes", file_size(path)},
          {"walBytes", file_size(path + "-wal")},
          {"autoVacuum", single_integer(db, "PRAGMA auto_vacuum") == 2 ? "incremental" : "none"}};
}

void enable_incremental_vacuum(db::Database& db) {
  if (single_integer(db, "PRAGMA auto_vacuum") == 2) return;
  db.exec("PRAGMA auto_vacuum = INCREMENTAL");
  db.exec("VACUUM");  // rewrites the file so the mode takes effect
}

}  // namespace provider::store
