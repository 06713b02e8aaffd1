// The schema, as numbered migrations applied in order inside one transaction each; the
// version lives in PRAGMA user_version, so a database is upgraded in place on start.
#pragma once

#include "db/sqlite.hpp"

namespace provider::db {

// Applies every migration newer than the file's version. Throws db::Error for a database
// written by a newer provider (its version is above ours).
void migrate(Database& db);

int schema_version();

}  // namespace provider::db
