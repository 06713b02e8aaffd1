#include "store/resources.hpp"

#include "logto/encoding/url.hpp"
#include "store/errors.hpp"

#include <ctime>

namespace provider::store {

nlohmann::json Resource::to_json() const {
  return {{"indicator", indicator}, {"name", name}, {"createdAt", created_at}};
}

Resource create_resource(db::Database& db, const std::string& indicator, const std::string& name) {
  auto u = logto::url::parse(indicator);
  if (!u || indicator.find('#') != std::string::npos) {
    throw InvalidInput(
        "resource.invalid_indicator",
        "indicator: \"" + indicator + "\" is not an absolute URI without a fragment.");
  }
  if (resource_exists(db, indicator)) {
    throw InvalidInput("resource.exists", "A resource \"" + indicator + "\" already exists.");
  }
  Resource r{indicator, name.empty() ? indicator : name, static_cast<int64_t>(std::time(nullptr))};
  db.prepare("INSERT INTO resources (indicator, name, created_at) VALUES (?, ?, ?)")
      .bind(1, r.indicator)
      .bind(2, r.name)
      .bind(3, r.created_at)
      .run();
  return r;
}

std::vector<Resource> list_resources(db::Database& db) {
  auto s = db.prepare("SELECT indicator, name, created_at FROM resources ORDER BY created_at");
  std::vector<Resource> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.integer(2)});
  return out;
}

bool resource_exists(db::Database& db, const std::string& indicator) {
  auto s = db.prepare("SELECT 1 FROM resources WHERE indicator = ?");
  s.bind(1, indicator);
  return s.step();
}

}  // namespace provider::store
