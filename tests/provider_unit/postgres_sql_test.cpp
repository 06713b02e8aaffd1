#include "db/postgres.hpp"

#include <doctest/doctest.h>

using provider::db::postgres_parameters;

TEST_CASE("the store's SQLite parameters become PostgreSQL's, outside quoted text") {
  auto plain = postgres_parameters("SELECT a FROM t WHERE b = ? AND c > ?");
  CHECK(plain.text == "SELECT a FROM t WHERE b = $1 AND c > $2");
  CHECK(plain.used == std::vector<bool>{true, true});

  // Numbered ones keep their numbers and may repeat; a number the text skips is known.
  auto numbered = postgres_parameters("DELETE FROM t WHERE x <= ?1 OR y = ?1 LIMIT ?3");
  CHECK(numbered.text == "DELETE FROM t WHERE x <= $1 OR y = $1 LIMIT $3");
  CHECK(numbered.parameters() == 3);
  CHECK(numbered.used == std::vector<bool>{true, false, true});

  // A question mark in a string or a quoted name is text, not a parameter.
  auto quoted = postgres_parameters("SELECT '?', \"a?b\" FROM t WHERE k = ?");
  CHECK(quoted.text == "SELECT '?', \"a?b\" FROM t WHERE k = $1");
  CHECK(quoted.parameters() == 1);

  CHECK(postgres_parameters("SELECT 1").parameters() == 0);
}
