// Which permissions a role holds: role_scopes (user roles → API permissions) and
// organization_role_scopes (organization roles → organization permissions), one set of rules.
#pragma once

#include "db/database.hpp"

#include <string>
#include <vector>

namespace provider::store {

struct PermissionLinks {
  const char* link_table;        // columns role_id, scope_id
  const char* permission_table;  // where scope_id points
  const char* not_found_code;
  const char* label;  // for messages: "permission"
};

extern const PermissionLinks kRolePermissions, kOrganizationRolePermissions;

// Every id must exist (NotFound otherwise); adding what is there already is not an error.
void add_permissions(db::Database& db, const PermissionLinks& links, const std::string& role_id,
                     const std::vector<std::string>& permission_ids);
bool remove_permission(db::Database& db, const PermissionLinks& links, const std::string& role_id,
                       const std::string& permission_id);

}  // namespace provider::store
