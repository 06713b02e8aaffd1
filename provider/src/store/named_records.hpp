// The records of the authorization model that are a name with an id: roles, organizations,
// organization roles and organization permissions (docs/provider.md, "Resources, roles and
// organizations"). One set of rules for all four: a name that is not empty, unique where the
// kind says so, found by id or by name, and errors that say which kind was not found.
#pragma once

#include "db/database.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace provider::store {

struct NamedKind {
  const char* table;        // SQL table: id, name, description, created_at
  const char* label;        // "role", for messages
  const char* code_prefix;  // "role", for error codes: role.not_found, role.exists
  bool scope_token;         // the name is an OAuth scope word (RFC 6749 §3.3): no spaces
  bool unique_name;
};

extern const NamedKind kRoles, kOrganizations, kOrganizationRoles, kOrganizationScopes;

struct NamedRecord {
  std::string id, name, description;
  int64_t created_at = 0;
  nlohmann::json to_json() const;
};

// A row of (id, name, description, created_at), as every query of these records selects them.
NamedRecord read_named(db::Statement& row);

// Throws InvalidInput (empty or overlong name, a scope name with spaces or quotes, a taken
// name).
NamedRecord create_named(db::Database& db, const NamedKind& kind, const std::string& name,
                         const std::string& description);
std::vector<NamedRecord> list_named(db::Database& db, const NamedKind& kind);
// By id, else (for kinds with unique names) by name.
std::optional<NamedRecord> find_named(db::Database& db, const NamedKind& kind,
                                      const std::string& id_or_name);
// As find_named, throwing NotFound ("role.not_found": No role "x".) when there is none.
NamedRecord require_named(db::Database& db, const NamedKind& kind, const std::string& id_or_name);
bool delete_named(db::Database& db, const NamedKind& kind, const std::string& id);

// RFC 6749 §3.3 scope-token: one or more of %x21 / %x23-5B / %x5D-7E. Throws InvalidInput
// naming `what` otherwise.
void check_scope_name(const std::string& name, const std::string& what);

}  // namespace provider::store
