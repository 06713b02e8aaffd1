#include "store/named_records.hpp"

#include "security/random.hpp"
#include "store/errors.hpp"

#include <ctime>

namespace provider::store {

const NamedKind kRoles{"roles", "role", "role", false, true};
const NamedKind kOrganizations{"organizations", "organization", "organization", false, false};
const NamedKind kOrganizationRoles{"organization_roles", "organization role", "organization_role",
                                   false, true};
const NamedKind kOrganizationScopes{"organization_scopes", "organization permission",
                                    "organization_scope", true, true};

namespace {

constexpr size_t kMaxName = 128;
constexpr size_t kMaxDescription = 1024;

std::string code(const NamedKind& kind, const char* what) {
  return std::string(kind.code_prefix) + "." + what;
}

std::string select(const NamedKind& kind) {
  return std::string("SELECT id, name, description, created_at FROM ") + kind.table;
}

}  // namespace

NamedRecord read_named(db::Statement& row) {
  return {row.text(0), row.text(1), row.text(2), row.integer(3)};
}

nlohmann::json NamedRecord::to_json() const {
  return {{"id", id}, {"name", name}, {"description", description}, {"createdAt", created_at}};
}

void check_scope_name(const std::string& name, const std::string& what) {
  bool ok = !name.empty() && name.size() <= kMaxName;
  for (unsigned char c : name) {
    ok = ok && c >= 0x21 && c <= 0x7e && c != '"' && c != '\\';
  }
  if (!ok) {
    throw InvalidInput("scope.invalid_name",
                       what + " \"" + name +
                           "\" is not a scope name: 1-128 printable ASCII characters without "
                           "spaces, quotes or backslashes.",
                       {{"field", "name"}});
  }
}

NamedRecord create_named(db::Database& db, const NamedKind& kind, const std::string& name,
                         const std::string& description) {
  if (kind.scope_token) {
    check_scope_name(name, std::string("The ") + kind.label);
  } else if (name.empty() || name.size() > kMaxName) {
    throw InvalidInput("request.invalid_body",
                       std::string("The ") + kind.label + " needs a name of 1-128 bytes.",
                       {{"field", "name"}});
  }
  if (description.size() > kMaxDescription) {
    throw InvalidInput("request.invalid_body", "The description is longer than 1024 bytes.",
                       {{"field", "description"}});
  }
  NamedRecord r{security::random_id(), name, description, static_cast<int64_t>(std::time(nullptr))};
  db.transaction([&] {
    if (kind.unique_name) {
      auto taken = db.prepare(std::string("SELECT 1 FROM ") + kind.table + " WHERE name = ?");
      if (taken.bind(1, name).step()) {
        throw InvalidInput(
            code(kind, "exists"),
            std::string("A ") + kind.label + " named \"" + name + "\" already exists.",
            {{"field", "name"}});
      }
    }
    db.prepare(std::string("INSERT INTO ") + kind.table +
               " (id, name, description, created_at) VALUES (?, ?, ?, ?)")
        .bind(1, r.id)
        .bind(2, r.name)
        .bind(3, r.description)
        .bind(4, r.created_at)
        .run();
  });
  return r;
}

std::vector<NamedRecord> list_named(db::Database& db, const NamedKind& kind) {
  auto s = db.prepare(select(kind) + " ORDER BY created_at, name");
  std::vector<NamedRecord> out;
  while (s.step()) out.push_back(read_named(s));
  return out;
}

std::optional<NamedRecord> find_named(db::Database& db, const NamedKind& kind,
                                      const std::string& id_or_name) {
  auto by_id = db.prepare(select(kind) + " WHERE id = ?");
  if (by_id.bind(1, id_or_name).step()) return read_named(by_id);
  if (!kind.unique_name) return std::nullopt;
  auto by_name = db.prepare(select(kind) + " WHERE name = ?");
  if (by_name.bind(1, id_or_name).step()) return read_named(by_name);
  return std::nullopt;
}

NamedRecord require_named(db::Database& db, const NamedKind& kind, const std::string& id_or_name) {
  if (auto found = find_named(db, kind, id_or_name)) return *found;
  throw NotFound(code(kind, "not_found"),
                 std::string("No ") + kind.label + " \"" + id_or_name + "\".");
}

bool delete_named(db::Database& db, const NamedKind& kind, const std::string& id) {
  db.prepare(std::string("DELETE FROM ") + kind.table + " WHERE id = ?").bind(1, id).run();
  return db.changes() > 0;
}

}  // namespace provider::store
