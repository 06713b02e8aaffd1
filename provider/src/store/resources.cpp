#include "store/resources.hpp"

#include "logto/encoding/url.hpp"
#include "security/random.hpp"
#include "store/errors.hpp"
#include "store/named_records.hpp"

#include <ctime>

namespace provider::store {
namespace {

constexpr const char* kResourceColumns = "SELECT id, indicator, name, created_at FROM resources";
constexpr const char* kScopeColumns =
    "SELECT id, resource, name, description, created_at FROM resource_scopes";

Resource read_resource(db::Statement& s) {
  return {s.text(0), s.text(1), s.text(2), s.integer(3)};
}

}  // namespace

ResourceScope read_resource_scope(db::Statement& row) {
  return {row.text(0), row.text(1), row.text(2), row.text(3), row.integer(4)};
}

nlohmann::json Resource::to_json() const {
  return {{"id", id}, {"indicator", indicator}, {"name", name}, {"createdAt", created_at}};
}

nlohmann::json ResourceScope::to_json() const {
  return {{"id", id},
          {"resource", resource},
          {"name", name},
          {"description", description},
          {"createdAt", created_at}};
}

Resource create_resource(db::Database& db, const std::string& indicator, const std::string& name) {
  auto u = logto::url::parse(indicator);
  if (!u || indicator.find('#') != std::string::npos) {
    throw InvalidInput(
        "resource.invalid_indicator",
        "indicator: \"" + indicator + "\" is not an absolute URI without a fragment.");
  }
  Resource r{security::random_id(), indicator, name.empty() ? indicator : name,
             static_cast<int64_t>(std::time(nullptr))};
  db.transaction([&] {
    if (resource_exists(db, indicator)) {
      throw InvalidInput("resource.exists", "A resource \"" + indicator + "\" already exists.");
    }
    db.prepare("INSERT INTO resources (id, indicator, name, created_at) VALUES (?, ?, ?, ?)")
        .bind(1, r.id)
        .bind(2, r.indicator)
        .bind(3, r.name)
        .bind(4, r.created_at)
        .run();
  });
  return r;
}

std::vector<Resource> list_resources(db::Database& db) {
  auto s = db.prepare(std::string(kResourceColumns) + " ORDER BY created_at");
  std::vector<Resource> out;
  while (s.step()) out.push_back(read_resource(s));
  return out;
}

bool resource_exists(db::Database& db, const std::string& indicator) {
  auto s = db.prepare("SELECT 1 FROM resources WHERE indicator = ?");
  s.bind(1, indicator);
  return s.step();
}

Resource require_resource(db::Database& db, const std::string& id_or_indicator) {
  auto s = db.prepare(std::string(kResourceColumns) + " WHERE id = ? OR indicator = ?");
  s.bind(1, id_or_indicator).bind(2, id_or_indicator);
  if (s.step()) return read_resource(s);
  throw NotFound("resource.not_found", "No API resource \"" + id_or_indicator + "\".");
}

bool delete_resource(db::Database& db, const std::string& indicator) {
  db.prepare("DELETE FROM resources WHERE indicator = ?").bind(1, indicator).run();
  return db.changes() > 0;
}

ResourceScope create_resource_scope(db::Database& db, const Resource& resource,
                                    const std::string& name, const std::string& description) {
  check_scope_name(name, "The permission");
  if (description.size() > 1024) {
    throw InvalidInput("request.invalid_body", "The description is longer than 1024 bytes.",
                       {{"field", "description"}});
  }
  ResourceScope scope{security::random_id(), resource.indicator, name, description,
                      static_cast<int64_t>(std::time(nullptr))};
  db.transaction([&] {
    auto taken = db.prepare("SELECT 1 FROM resource_scopes WHERE resource = ? AND name = ?");
    if (taken.bind(1, resource.indicator).bind(2, name).step()) {
      throw InvalidInput(
          "scope.exists",
          "The resource " + resource.indicator + " already has a permission \"" + name + "\".",
          {{"field", "name"}});
    }
    db.prepare(
          "INSERT INTO resource_scopes (id, resource, name, description, created_at) "
          "VALUES (?, ?, ?, ?, ?)")
        .bind(1, scope.id)
        .bind(2, scope.resource)
        .bind(3, scope.name)
        .bind(4, scope.description)
        .bind(5, scope.created_at)
        .run();
  });
  return scope;
}

std::vector<ResourceScope> list_resource_scopes(db::Database& db, const std::string& indicator) {
  auto s = db.prepare(std::string(kScopeColumns) + " WHERE resource = ? ORDER BY created_at, name");
  s.bind(1, indicator);
  std::vector<ResourceScope> out;
  while (s.step()) out.push_back(read_resource_scope(s));
  return out;
}

ResourceScope require_resource_scope(db::Database& db, const Resource& resource,
                                     const std::string& id_or_name) {
  auto s = db.prepare(std::string(kScopeColumns) + " WHERE resource = ? AND (id = ? OR name = ?)");
  s.bind(1, resource.indicator).bind(2, id_or_name).bind(3, id_or_name);
  if (s.step()) return read_resource_scope(s);
  throw NotFound("scope.not_found", "The resource " + resource.indicator + " has no permission \"" +
                                        id_or_name + "\".");
}

bool delete_resource_scope(db::Database& db, const std::string& id) {
  db.prepare("DELETE FROM resource_scopes WHERE id = ?").bind(1, id).run();
  return db.changes() > 0;
}

}  // namespace provider::store
