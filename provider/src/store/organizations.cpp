#include "store/organizations.hpp"

#include "store/errors.hpp"
#include "store/permission_links.hpp"

#include <ctime>

namespace provider::store {

void add_organization_role_scopes(db::Database& db, const std::string& role_id,
                                  const std::vector<std::string>& scope_ids) {
  add_permissions(db, kOrganizationRolePermissions, role_id, scope_ids);
}

bool remove_organization_role_scope(db::Database& db, const std::string& role_id,
                                    const std::string& scope_id) {
  return remove_permission(db, kOrganizationRolePermissions, role_id, scope_id);
}

std::vector<NamedRecord> list_organization_role_scopes(db::Database& db,
                                                       const std::string& role_id) {
  auto s = db.prepare(
      "SELECT s.id, s.name, s.description, s.created_at FROM organization_scopes s "
      "JOIN organization_role_scopes rs ON rs.scope_id = s.id WHERE rs.role_id = ? "
      "ORDER BY s.name");
  s.bind(1, role_id);
  std::vector<NamedRecord> out;
  while (s.step()) out.push_back(read_named(s));
  return out;
}

void add_members(db::Database& db, const std::string& organization_id,
                 const std::vector<std::string>& user_ids) {
  auto now = static_cast<int64_t>(std::time(nullptr));
  db.transaction([&] {
    for (const auto& user_id : user_ids) {
      auto exists = db.prepare("SELECT 1 FROM users WHERE id = ?");
      if (!exists.bind(1, user_id).step()) {
        throw NotFound("user.not_found", "No user \"" + user_id + "\".");
      }
      db.prepare(
            "INSERT INTO organization_members (organization_id, user_id, created_at) "
            "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
          .bind(1, organization_id)
          .bind(2, user_id)
          .bind(3, now)
          .run();
    }
  });
}

bool remove_member(db::Database& db, const std::string& organization_id,
                   const std::string& user_id) {
  db.prepare("DELETE FROM organization_members WHERE organization_id = ? AND user_id = ?")
      .bind(1, organization_id)
      .bind(2, user_id)
      .run();
  return db.changes() > 0;
}

bool is_member(db::Database& db, const std::string& organization_id, const std::string& user_id) {
  auto s =
      db.prepare("SELECT 1 FROM organization_members WHERE organization_id = ? AND user_id = ?");
  return s.bind(1, organization_id).bind(2, user_id).step();
}

nlohmann::json list_members(db::Database& db, const std::string& organization_id) {
  auto s = db.prepare(
      "SELECT u.id, u.username, u.name, u.phone FROM users u "
      "JOIN organization_members m ON m.user_id = u.id WHERE m.organization_id = ? "
      "ORDER BY m.rowid");
  s.bind(1, organization_id);
  auto out = nlohmann::json::array();
  auto opt = [](const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json();
  };
  while (s.step()) {
    out.push_back({{"id", s.text(0)},
                   {"username", opt(s.optional_text(1))},
                   {"name", opt(s.optional_text(2))},
                   {"phone", opt(s.optional_text(3))},
                   {"organizationRoles", nlohmann::json::array()}});
  }
  for (auto& member : out) {
    auto roles = db.prepare(
        "SELECT r.id, r.name FROM organization_roles r JOIN organization_member_roles mr "
        "ON mr.role_id = r.id WHERE mr.organization_id = ? AND mr.user_id = ? ORDER BY r.name");
    roles.bind(1, organization_id).bind(2, member["id"].get<std::string>());
    while (roles.step()) {
      member["organizationRoles"].push_back({{"id", roles.text(0)}, {"name", roles.text(1)}});
    }
  }
  return out;
}

void add_member_roles(db::Database& db, const std::string& organization_id,
                      const std::string& user_id, const std::vector<std::string>& role_ids) {
  db.transaction([&] {
    if (!is_member(db, organization_id, user_id)) {
      throw InvalidInput(
          "organization.not_member",
          "The user \"" + user_id + "\" is not a member of the organization; add them first.",
          {{"field", "userId"}});
    }
    for (const auto& role_id : role_ids) {
      db.prepare(
            "INSERT INTO organization_member_roles (organization_id, user_id, role_id) "
            "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
          .bind(1, organization_id)
          .bind(2, user_id)
          .bind(3, role_id)
          .run();
    }
  });
}

bool remove_member_role(db::Database& db, const std::string& organization_id,
                        const std::string& user_id, const std::string& role_id) {
  db.prepare(
        "DELETE FROM organization_member_roles WHERE organization_id = ? AND user_id = ? AND "
        "role_id = ?")
      .bind(1, organization_id)
      .bind(2, user_id)
      .bind(3, role_id)
      .run();
  return db.changes() > 0;
}

std::vector<std::string> held_organization_scopes(db::Database& db,
                                                  const std::string& organization_id,
                                                  const std::string& user_id) {
  auto s = db.prepare(
      "SELECT DISTINCT s.name FROM organization_scopes s "
      "JOIN organization_role_scopes rs ON rs.scope_id = s.id "
      "JOIN organization_member_roles mr ON mr.role_id = rs.role_id "
      "WHERE mr.organization_id = ? AND mr.user_id = ? ORDER BY s.name");
  return s.bind(1, organization_id).bind(2, user_id).texts();
}

std::vector<Membership> user_memberships(db::Database& db, const std::string& user_id) {
  auto s = db.prepare(
      "SELECT o.id, o.name, o.description FROM organizations o "
      "JOIN organization_members m ON m.organization_id = o.id WHERE m.user_id = ? "
      "ORDER BY m.rowid");
  s.bind(1, user_id);
  std::vector<Membership> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), {}});
  for (auto& m : out) {
    auto roles = db.prepare(
        "SELECT r.name FROM organization_roles r JOIN organization_member_roles mr "
        "ON mr.role_id = r.id WHERE mr.organization_id = ? AND mr.user_id = ? ORDER BY r.name");
    m.role_names = roles.bind(1, m.id).bind(2, user_id).texts();
  }
  return out;
}

}  // namespace provider::store
