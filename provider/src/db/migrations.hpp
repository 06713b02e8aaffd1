// The schema, as numbered migrations applied in order inside one transaction each, so a
// database is upgraded in place on start (and by `logto-provider migrate`). SQLite keeps the
// version in PRAGMA user_version; PostgreSQL in the table schema_version, and a new PostgreSQL
// database starts from a baseline of the current schema in its own types.
#pragma once

#include "db/database.hpp"

namespace provider::db {

// Applies every migration newer than the database's version. Throws db::Error for a database
// written by a newer provider (its version is above ours).
void migrate(Database& db);

int schema_version();

}  // namespace provider::db
