#include "console/admin_access.hpp"

#include "errors/problem.hpp"
#include "oidc/scopes.hpp"
#include "oidc/tokens.hpp"
#include "store/named_records.hpp"
#include "store/resources.hpp"
#include "store/roles.hpp"

namespace provider::console {

std::string ensure_admin_model(db::Database& db) {
  if (!store::resource_exists(db, kManagementApi)) {
    try {
      store::create_resource(db, kManagementApi, "Management API");
    } catch (const Problem&) {
      // Made by another process between the check and the insert: fine.
    }
  }
  auto api = store::require_resource(db, kManagementApi);
  std::string scope_id;
  try {
    scope_id = store::require_resource_scope(db, api, kManagementScope).id;
  } catch (const Problem&) {
    scope_id = store::create_resource_scope(db, api, kManagementScope,
                                            "Everything the management API does")
                   .id;
  }
  auto role = store::find_named(db, store::kRoles, kAdminRole);
  if (!role) {
    role = store::create_named(db, store::kRoles, kAdminRole,
                               "Administers the provider in the Console");
  }
  store::add_role_scopes(db, role->id, {scope_id});
  return role->id;
}

void make_admin(db::Database& db, const std::string& user_id) {
  store::add_user_roles(db, user_id, {ensure_admin_model(db)});
}

bool has_admin(db::Database& db) {
  auto s = db.prepare(
      "SELECT 1 FROM user_roles ur JOIN roles r ON r.id = ur.role_id WHERE r.name = ? LIMIT 1");
  return s.bind(1, std::string(kAdminRole)).step();
}

std::optional<std::string> console_admin(Context& ctx, const std::string& token) {
  try {
    auto claims = oidc::verify_access_token(ctx, token, kManagementApi, now_seconds());
    if (!claims.contains("scope") || !claims["scope"].is_string() ||
        !oidc::has_scope(claims["scope"].get<std::string>(), kManagementScope) ||
        !claims.contains("sub") || !claims["sub"].is_string()) {
      return std::nullopt;
    }
    return claims["sub"].get<std::string>();
  } catch (const Problem&) {
    return std::nullopt;
  }
}

}  // namespace provider::console
