#include "store/roles.hpp"

#include "store/errors.hpp"
#include "store/permission_links.hpp"

namespace provider::store {

void add_role_scopes(db::Database& db, const std::string& role_id,
                     const std::vector<std::string>& scope_ids) {
  add_permissions(db, kRolePermissions, role_id, scope_ids);
}

bool remove_role_scope(db::Database& db, const std::string& role_id, const std::string& scope_id) {
  return remove_permission(db, kRolePermissions, role_id, scope_id);
}

std::vector<ResourceScope> list_role_scopes(db::Database& db, const std::string& role_id) {
  auto s = db.prepare(
      "SELECT s.id, s.resource, s.name, s.description, s.created_at FROM resource_scopes s "
      "JOIN role_scopes rs ON rs.scope_id = s.id WHERE rs.role_id = ? "
      "ORDER BY s.resource, s.name");
  s.bind(1, role_id);
  std::vector<ResourceScope> out;
  while (s.step()) out.push_back(read_resource_scope(s));
  return out;
}

void add_user_roles(db::Database& db, const std::string& user_id,
                    const std::vector<std::string>& role_ids) {
  db.transaction([&] {
    for (const auto& role_id : role_ids) {
      db.prepare("INSERT INTO user_roles (user_id, role_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
          .bind(1, user_id)
          .bind(2, role_id)
          .run();
    }
  });
}

bool remove_user_role(db::Database& db, const std::string& user_id, const std::string& role_id) {
  db.prepare("DELETE FROM user_roles WHERE user_id = ? AND role_id = ?")
      .bind(1, user_id)
      .bind(2, role_id)
      .run();
  return db.changes() > 0;
}

std::vector<NamedRecord> list_user_roles(db::Database& db, const std::string& user_id) {
  auto s = db.prepare(
      "SELECT r.id, r.name, r.description, r.created_at FROM roles r "
      "JOIN user_roles ur ON ur.role_id = r.id WHERE ur.user_id = ? ORDER BY r.name");
  s.bind(1, user_id);
  std::vector<NamedRecord> out;
  while (s.step()) out.push_back(read_named(s));
  return out;
}

std::vector<std::string> held_resource_scopes(db::Database& db, const std::string& user_id,
                                              const std::string& indicator) {
  auto s = db.prepare(
      "SELECT DISTINCT s.name FROM resource_scopes s "
      "JOIN role_scopes rs ON rs.scope_id = s.id "
      "JOIN user_roles ur ON ur.role_id = rs.role_id "
      "WHERE ur.user_id = ? AND s.resource = ? ORDER BY s.name");
  return s.bind(1, user_id).bind(2, indicator).texts();
}

}  // namespace provider::store
