// Removing what no rule needs any more (the retention rules are in docs/provider.md) and
// reporting how big the store is. Deletes run in small batches, one transaction each, so a
// sweep never holds the writer's turn for long.
#pragma once

#include "db/database.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace provider::store {

struct SweepReport {
  std::vector<std::pair<std::string, int64_t>> removed;  // per kind of row, in sweep order
  int64_t pages_reclaimed = 0;
  int64_t total() const;
};

// `send_log_seconds`: how long a send record still counts toward an SMS limit;
// `guess_window_seconds`: how long a failed password or code still counts toward a lockout.
SweepReport sweep_expired(db::Database& db, int64_t now, int64_t send_log_seconds,
                          int64_t guess_window_seconds, int64_t batch = 500);

// Row counts of every table that grows with traffic, and the file's pages and bytes.
nlohmann::json database_stats(db::Database& db, const std::string& path);

// Turns on incremental auto-vacuum (so swept pages can be given back to the file system) for a
// database created before it was the default; a no-op when it is already on.
void enable_incremental_vacuum(db::Database& db);

}  // namespace provider::store
