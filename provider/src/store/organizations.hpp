// Organizations (Logto's multi-tenancy): members, and the organization template shared by all
// organizations: organization roles holding organization permissions. A member's roles are per
// organization. Read when a token is minted, like user roles.
#pragma once

#include "db/database.hpp"
#include "store/named_records.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace provider::store {

// Every id must exist (NotFound otherwise); adding what is there already is not an error.
void add_organization_role_scopes(db::Database& db, const std::string& role_id,
                                  const std::vector<std::string>& scope_ids);
bool remove_organization_role_scope(db::Database& db, const std::string& role_id,
                                    const std::string& scope_id);
std::vector<NamedRecord> list_organization_role_scopes(db::Database& db,
                                                       const std::string& role_id);

void add_members(db::Database& db, const std::string& organization_id,
                 const std::vector<std::string>& user_ids);
// Removes the member and their roles in the organization.
bool remove_member(db::Database& db, const std::string& organization_id,
                   const std::string& user_id);
bool is_member(db::Database& db, const std::string& organization_id, const std::string& user_id);
// [{id, username, name, phone, organizationRoles: [{id, name}]}]
nlohmann::json list_members(db::Database& db, const std::string& organization_id);

// Throws InvalidInput (organization.not_member) when the user is not a member.
void add_member_roles(db::Database& db, const std::string& organization_id,
                      const std::string& user_id, const std::vector<std::string>& role_ids);
bool remove_member_role(db::Database& db, const std::string& organization_id,
                        const std::string& user_id, const std::string& role_id);

// The names of the organization permissions the member holds through their roles there.
std::vector<std::string> held_organization_scopes(db::Database& db,
                                                  const std::string& organization_id,
                                                  const std::string& user_id);

struct Membership {
  std::string id, name, description;  // the organization's
  std::vector<std::string> role_names;
};
std::vector<Membership> user_memberships(db::Database& db, const std::string& user_id);

}  // namespace provider::store
