// User roles: each holds permissions of any API resource; users hold roles. What a user holds
// is read when a token is minted, so a role removed takes effect at the next refresh.
#pragma once

#include "db/database.hpp"
#include "store/named_records.hpp"
#include "store/resources.hpp"

#include <string>
#include <vector>

namespace provider::store {

// Adding what is already there is not an error; every id must exist (NotFound otherwise).
void add_role_scopes(db::Database& db, const std::string& role_id,
                     const std::vector<std::string>& scope_ids);
bool remove_role_scope(db::Database& db, const std::string& role_id, const std::string& scope_id);
std::vector<ResourceScope> list_role_scopes(db::Database& db, const std::string& role_id);

void add_user_roles(db::Database& db, const std::string& user_id,
                    const std::vector<std::string>& role_ids);
bool remove_user_role(db::Database& db, const std::string& user_id, const std::string& role_id);
std::vector<NamedRecord> list_user_roles(db::Database& db, const std::string& user_id);

// The names of the resource's permissions the user holds through any role.
std::vector<std::string> held_resource_scopes(db::Database& db, const std::string& user_id,
                                              const std::string& indicator);

}  // namespace provider::store
