// Who may administer the provider from the Console: holders of the `console-admin` role, whose
// Console access token (for the management API resource, with its `all` permission) the
// management API accepts beside the admin token. Shaped like Logto's own Console access.
#pragma once

#include "context.hpp"
#include "db/database.hpp"

#include <optional>
#include <string>

namespace provider::console {

constexpr const char* kManagementApi = "https://default.logto.app/api";
constexpr const char* kManagementScope = "all";
constexpr const char* kAdminRole = "console-admin";

// Makes the management API resource, its permission and the admin role if they are missing
// (every start, and the CLI's `user create --admin`). Returns the role's id.
std::string ensure_admin_model(db::Database& db);
void make_admin(db::Database& db, const std::string& user_id);
bool has_admin(db::Database& db);

// The user id behind a Console access token (signature, issuer, audience, expiry, grant, and
// the `all` permission), or nullopt when `token` is not one. Throws nothing for bad tokens.
std::optional<std::string> console_admin(Context& ctx, const std::string& token);

}  // namespace provider::console
