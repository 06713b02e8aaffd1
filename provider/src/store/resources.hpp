// API resources: the `resource` values clients may ask access tokens for (RFC 8707).
#pragma once

#include "db/sqlite.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace provider::store {

struct Resource {
  std::string indicator;  // an absolute URI, the access token's `aud`
  std::string name;
  int64_t created_at = 0;
  nlohmann::json to_json() const;
};

Resource create_resource(db::Database& db, const std::string& indicator, const std::string& name);
std::vector<Resource> list_resources(db::Database& db);
bool resource_exists(db::Database& db, const std::string& indicator);

}  // namespace provider::store
