// Administration of API authorization (docs/provider.md, "Resources, roles and
// organizations"), shaped like Logto's management API: ids in, records out, lists of ids for
// the links. Names work wherever an id does, for the CLI's sake.
#include "admin/command_table.hpp"
#include "store/errors.hpp"
#include "store/named_records.hpp"
#include "store/organizations.hpp"
#include "store/resources.hpp"
#include "store/roles.hpp"
#include "store/users.hpp"

namespace provider::admin {
namespace {

store::User require_user(Context& ctx, const std::string& id) {
  auto user = store::find_user(ctx.db(), id);
  if (!user) throw store::NotFound("user.not_found", "No user \"" + id + "\".");
  return *user;
}

nlohmann::json resource_with_scopes(Context& ctx, const store::Resource& r) {
  auto out = r.to_json();
  out["scopes"] = to_array(store::list_resource_scopes(ctx.db(), r.indicator));
  return out;
}

nlohmann::json role_with_scopes(Context& ctx, const store::NamedRecord& role) {
  auto out = role.to_json();
  out["scopes"] = to_array(store::list_role_scopes(ctx.db(), role.id));
  return out;
}

nlohmann::json organization_role_with_scopes(Context& ctx, const store::NamedRecord& role) {
  auto out = role.to_json();
  out["scopes"] = to_array(store::list_organization_role_scopes(ctx.db(), role.id));
  return out;
}

std::string description(const Input& in) {
  return optional_string(in, "description").value_or("");
}

// Permission ids of any resource, or (with `resource`) ids or names within that resource.
std::vector<std::string> resource_scope_ids(Context& ctx, const Input& in) {
  auto wanted = required_strings(in, {"scopeIds", "scopeId", "scopes"});
  std::vector<std::string> ids;
  if (auto indicator = optional_string(in, "resource")) {
    auto resource = store::require_resource(ctx.db(), *indicator);
    for (const auto& w : wanted)
      ids.push_back(store::require_resource_scope(ctx.db(), resource, w).id);
    return ids;
  }
  return wanted;
}

std::vector<std::string> named_ids(Context& ctx, const store::NamedKind& kind,
                                   const std::vector<std::string>& ids_or_names) {
  std::vector<std::string> ids;
  for (const auto& x : ids_or_names) ids.push_back(store::require_named(ctx.db(), kind, x).id);
  return ids;
}

CommandResult removed(bool done, const char* code, const std::string& message,
                      nlohmann::json body) {
  if (!done) throw store::NotFound(code, message);
  return CommandResult{204, std::move(body)};
}

}  // namespace

void add_authorization_commands(CommandTable& t) {
  // API resources and their permissions.
  t["resource.create"] = [](Context& ctx, const Input& in) {
    auto r = store::create_resource(ctx.db(), required_string(in, "indicator"),
                                    optional_string(in, "name").value_or(""));
    return CommandResult{201, resource_with_scopes(ctx, r)};
  };
  t["resource.list"] = [](Context& ctx, const Input&) {
    auto out = nlohmann::json::array();
    for (const auto& r : store::list_resources(ctx.db()))
      out.push_back(resource_with_scopes(ctx, r));
    return CommandResult{200, out};
  };
  t["resource.show"] = [](Context& ctx, const Input& in) {
    return CommandResult{200, resource_with_scopes(ctx, store::require_resource(
                                                            ctx.db(), required_string(in, "id")))};
  };
  t["resource.delete"] = [](Context& ctx, const Input& in) {
    auto r = store::require_resource(ctx.db(), required_string(in, "id"));
    store::delete_resource(ctx.db(), r.indicator);
    return CommandResult{204, {{"deleted", r.id}}};
  };
  t["resource.add-scope"] = [](Context& ctx, const Input& in) {
    auto r = store::require_resource(ctx.db(), required_string(in, "id"));
    return CommandResult{
        201, store::create_resource_scope(ctx.db(), r, required_string(in, "name"), description(in))
                 .to_json()};
  };
  t["resource.scopes"] = [](Context& ctx, const Input& in) {
    auto r = store::require_resource(ctx.db(), required_string(in, "id"));
    return CommandResult{200, to_array(store::list_resource_scopes(ctx.db(), r.indicator))};
  };
  t["resource.remove-scope"] = [](Context& ctx, const Input& in) {
    auto r = store::require_resource(ctx.db(), required_string(in, "id"));
    auto scope = store::require_resource_scope(ctx.db(), r, required_string(in, "scopeId"));
    store::delete_resource_scope(ctx.db(), scope.id);
    return CommandResult{204, {{"deleted", scope.id}}};
  };

  // User roles.
  t["role.create"] = [](Context& ctx, const Input& in) {
    auto role =
        store::create_named(ctx.db(), store::kRoles, required_string(in, "name"), description(in));
    if (in.contains("scopeIds") || in.contains("scopes")) {
      store::add_role_scopes(ctx.db(), role.id, resource_scope_ids(ctx, in));
    }
    return CommandResult{201, role_with_scopes(ctx, role)};
  };
  t["role.list"] = [](Context& ctx, const Input&) {
    auto out = nlohmann::json::array();
    for (const auto& r : store::list_named(ctx.db(), store::kRoles)) {
      out.push_back(role_with_scopes(ctx, r));
    }
    return CommandResult{200, out};
  };
  t["role.show"] = [](Context& ctx, const Input& in) {
    return CommandResult{
        200, role_with_scopes(
                 ctx, store::require_named(ctx.db(), store::kRoles, required_string(in, "id")))};
  };
  t["role.delete"] = [](Context& ctx, const Input& in) {
    auto role = store::require_named(ctx.db(), store::kRoles, required_string(in, "id"));
    store::delete_named(ctx.db(), store::kRoles, role.id);
    return CommandResult{204, {{"deleted", role.id}}};
  };
  t["role.add-scopes"] = [](Context& ctx, const Input& in) {
    auto role = store::require_named(ctx.db(), store::kRoles, required_string(in, "id"));
    store::add_role_scopes(ctx.db(), role.id, resource_scope_ids(ctx, in));
    return CommandResult{201, role_with_scopes(ctx, role)};
  };
  t["role.remove-scope"] = [](Context& ctx, const Input& in) {
    auto role = store::require_named(ctx.db(), store::kRoles, required_string(in, "id"));
    bool done = true;
    for (const auto& id : resource_scope_ids(ctx, in)) {
      done = store::remove_role_scope(ctx.db(), role.id, id) && done;
    }
    return removed(done, "role.scope_not_found", "The role does not hold that permission.",
                   role_with_scopes(ctx, role));
  };
  t["user.roles"] = [](Context& ctx, const Input& in) {
    auto user = require_user(ctx, required_string(in, "id"));
    return CommandResult{200, to_array(store::list_user_roles(ctx.db(), user.id))};
  };
  t["user.add-roles"] = [](Context& ctx, const Input& in) {
    auto user = require_user(ctx, required_string(in, "id"));
    store::add_user_roles(
        ctx.db(), user.id,
        named_ids(ctx, store::kRoles, required_strings(in, {"roleIds", "roleId"})));
    return CommandResult{201, to_array(store::list_user_roles(ctx.db(), user.id))};
  };
  t["user.remove-role"] = [](Context& ctx, const Input& in) {
    auto user = require_user(ctx, required_string(in, "id"));
    bool done = true;
    for (const auto& id :
         named_ids(ctx, store::kRoles, required_strings(in, {"roleId", "roleIds"}))) {
      done = store::remove_user_role(ctx.db(), user.id, id) && done;
    }
    return removed(done, "user.role_not_found", "The user does not have that role.",
                   to_array(store::list_user_roles(ctx.db(), user.id)));
  };

  // The organization template: permissions and roles shared by every organization.
  t["org-scope.create"] = [](Context& ctx, const Input& in) {
    return CommandResult{201, store::create_named(ctx.db(), store::kOrganizationScopes,
                                                  required_string(in, "name"), description(in))
                                  .to_json()};
  };
  t["org-scope.list"] = [](Context& ctx, const Input&) {
    return CommandResult{200, to_array(store::list_named(ctx.db(), store::kOrganizationScopes))};
  };
  t["org-scope.delete"] = [](Context& ctx, const Input& in) {
    auto s = store::require_named(ctx.db(), store::kOrganizationScopes, required_string(in, "id"));
    store::delete_named(ctx.db(), store::kOrganizationScopes, s.id);
    return CommandResult{204, {{"deleted", s.id}}};
  };
  t["org-role.create"] = [](Context& ctx, const Input& in) {
    auto role = store::create_named(ctx.db(), store::kOrganizationRoles,
                                    required_string(in, "name"), description(in));
    if (in.contains("organizationScopeIds") || in.contains("scopeIds")) {
      store::add_organization_role_scopes(
          ctx.db(), role.id,
          named_ids(ctx, store::kOrganizationScopes,
                    required_strings(in, {"organizationScopeIds", "scopeIds"})));
    }
    return CommandResult{201, organization_role_with_scopes(ctx, role)};
  };
  t["org-role.list"] = [](Context& ctx, const Input&) {
    auto out = nlohmann::json::array();
    for (const auto& r : store::list_named(ctx.db(), store::kOrganizationRoles)) {
      out.push_back(organization_role_with_scopes(ctx, r));
    }
    return CommandResult{200, out};
  };
  t["org-role.delete"] = [](Context& ctx, const Input& in) {
    auto r = store::require_named(ctx.db(), store::kOrganizationRoles, required_string(in, "id"));
    store::delete_named(ctx.db(), store::kOrganizationRoles, r.id);
    return CommandResult{204, {{"deleted", r.id}}};
  };
  t["org-role.add-scopes"] = [](Context& ctx, const Input& in) {
    auto role =
        store::require_named(ctx.db(), store::kOrganizationRoles, required_string(in, "id"));
    store::add_organization_role_scopes(
        ctx.db(), role.id,
        named_ids(ctx, store::kOrganizationScopes,
                  required_strings(in, {"organizationScopeIds", "scopeIds", "scopeId"})));
    return CommandResult{201, organization_role_with_scopes(ctx, role)};
  };
  t["org-role.remove-scope"] = [](Context& ctx, const Input& in) {
    auto role =
        store::require_named(ctx.db(), store::kOrganizationRoles, required_string(in, "id"));
    bool done = true;
    for (const auto& id :
         named_ids(ctx, store::kOrganizationScopes,
                   required_strings(in, {"organizationScopeId", "scopeId", "scopeIds"}))) {
      done = store::remove_organization_role_scope(ctx.db(), role.id, id) && done;
    }
    return removed(done, "organization_role.scope_not_found",
                   "The organization role does not hold that permission.",
                   organization_role_with_scopes(ctx, role));
  };

  // Organizations and their members.
  t["org.create"] = [](Context& ctx, const Input& in) {
    return CommandResult{201, store::create_named(ctx.db(), store::kOrganizations,
                                                  required_string(in, "name"), description(in))
                                  .to_json()};
  };
  t["org.list"] = [](Context& ctx, const Input&) {
    return CommandResult{200, to_array(store::list_named(ctx.db(), store::kOrganizations))};
  };
  t["org.show"] = [](Context& ctx, const Input& in) {
    auto org = store::require_named(ctx.db(), store::kOrganizations, required_string(in, "id"));
    auto out = org.to_json();
    out["members"] = store::list_members(ctx.db(), org.id);
    return CommandResult{200, out};
  };
  t["org.delete"] = [](Context& ctx, const Input& in) {
    auto org = store::require_named(ctx.db(), store::kOrganizations, required_string(in, "id"));
    store::delete_named(ctx.db(), store::kOrganizations, org.id);
    return CommandResult{204, {{"deleted", org.id}}};
  };
  t["org.members"] = [](Context& ctx, const Input& in) {
    auto org = store::require_named(ctx.db(), store::kOrganizations, required_string(in, "id"));
    return CommandResult{200, store::list_members(ctx.db(), org.id)};
  };
  t["org.add-members"] = [](Context& ctx, const Input& in) {
    auto org = store::require_named(ctx.db(), store::kOrganizations, required_string(in, "id"));
    store::add_members(ctx.db(), org.id, required_strings(in, {"userIds", "userId"}));
    return CommandResult{201, store::list_members(ctx.db(), org.id)};
  };
  t["org.remove-member"] = [](Context& ctx, const Input& in) {
    auto org = store::require_named(ctx.db(), store::kOrganizations, required_string(in, "id"));
    bool done = true;
    for (const auto& user : required_strings(in, {"userId", "userIds"})) {
      done = store::remove_member(ctx.db(), org.id, user) && done;
    }
    return removed(done, "organization.member_not_found",
                   "That user is not a member of the organization.",
                   store::list_members(ctx.db(), org.id));
  };
  t["org.add-member-roles"] = [](Context& ctx, const Input& in) {
    auto org = store::require_named(ctx.db(), store::kOrganizations, required_string(in, "id"));
    auto user = required_strings(in, {"userId", "userIds"}).front();
    store::add_member_roles(
        ctx.db(), org.id, user,
        named_ids(ctx, store::kOrganizationRoles,
                  required_strings(in, {"organizationRoleIds", "roleIds", "roleId"})));
    return CommandResult{201, store::list_members(ctx.db(), org.id)};
  };
  t["org.remove-member-role"] = [](Context& ctx, const Input& in) {
    auto org = store::require_named(ctx.db(), store::kOrganizations, required_string(in, "id"));
    auto user = required_strings(in, {"userId", "userIds"}).front();
    bool done = true;
    for (const auto& id :
         named_ids(ctx, store::kOrganizationRoles,
                   required_strings(in, {"organizationRoleId", "roleId", "roleIds"}))) {
      done = store::remove_member_role(ctx.db(), org.id, user, id) && done;
    }
    return removed(done, "organization.member_role_not_found",
                   "The member does not have that organization role.",
                   store::list_members(ctx.db(), org.id));
  };
}

}  // namespace provider::admin
