#include "store/permission_links.hpp"

#include "store/errors.hpp"

namespace provider::store {

const PermissionLinks kRolePermissions{"role_scopes", "resource_scopes", "scope.not_found",
                                       "permission"};
const PermissionLinks kOrganizationRolePermissions{
    "organization_role_scopes", "organization_scopes", "organization_scope.not_found",
    "organization permission"};

void add_permissions(db::Database& db, const PermissionLinks& links, const std::string& role_id,
                     const std::vector<std::string>& permission_ids) {
  db.transaction([&] {
    for (const auto& id : permission_ids) {
      auto exists =
          db.prepare(std::string("SELECT 1 FROM ") + links.permission_table + " WHERE id = ?");
      if (!exists.bind(1, id).step()) {
        throw NotFound(links.not_found_code,
                       std::string("No ") + links.label + " with id \"" + id + "\".");
      }
      db.prepare(std::string("INSERT INTO ") + links.link_table +
                 " (role_id, scope_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
          .bind(1, role_id)
          .bind(2, id)
          .run();
    }
  });
}

bool remove_permission(db::Database& db, const PermissionLinks& links, const std::string& role_id,
                       const std::string& permission_id) {
  db.prepare(std::string("DELETE FROM ") + links.link_table + " WHERE role_id = ? AND scope_id = ?")
      .bind(1, role_id)
      .bind(2, permission_id)
      .run();
  return db.changes() > 0;
}

}  // namespace provider::store
