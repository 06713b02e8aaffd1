// API resources: the `resource` values clients may ask access tokens for (RFC 8707), and the
// permissions (scopes) each defines. Roles (store/roles.hpp) hold those permissions.
#pragma once

#include "db/database.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace provider::store {

struct Resource {
  std::string id;
  std::string indicator;  // an absolute URI, the access token's `aud`
  std::string name;
  int64_t created_at = 0;
  nlohmann::json to_json() const;
};

struct ResourceScope {
  std::string id, resource, name, description;  // resource: the indicator
  int64_t created_at = 0;
  nlohmann::json to_json() const;
};

// A row of (id, resource, name, description, created_at).
ResourceScope read_resource_scope(db::Statement& row);

Resource create_resource(db::Database& db, const std::string& indicator, const std::string& name);
std::vector<Resource> list_resources(db::Database& db);
bool resource_exists(db::Database& db, const std::string& indicator);
// By id or by indicator; throws NotFound (resource.not_found).
Resource require_resource(db::Database& db, const std::string& id_or_indicator);
// Removes the resource with its scopes (and so from every role).
bool delete_resource(db::Database& db, const std::string& indicator);

// Throws InvalidInput for a name that is not a scope word or is taken in this resource.
ResourceScope create_resource_scope(db::Database& db, const Resource& resource,
                                    const std::string& name, const std::string& description);
std::vector<ResourceScope> list_resource_scopes(db::Database& db, const std::string& indicator);
// By id, or by name within the resource; throws NotFound (scope.not_found).
ResourceScope require_resource_scope(db::Database& db, const Resource& resource,
                                     const std::string& id_or_name);
bool delete_resource_scope(db::Database& db, const std::string& id);

}  // namespace provider::store
