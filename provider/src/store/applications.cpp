#include "store/applications.hpp"

#include "logto/encoding/url.hpp"
#include "security/hashing.hpp"
#include "security/random.hpp"
#include "store/errors.hpp"

#include <ctime>

namespace provider::store {
namespace {

std::vector<std::string> parse_list(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (j.is_array()) {
    for (const auto& v : j) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

void check_uris(const std::vector<std::string>& uris, const char* field) {
  for (const auto& uri : uris) {
    auto u = logto::url::parse(uri);
    if (!u || (u->scheme != "https" && u->scheme != "http") || uri.find('#') != std::string::npos) {
      throw InvalidInput("application.invalid_uri",
                         std::string(field) + ": \"" + uri +
                             "\" is not an absolute http(s) URI without a fragment.",
                         {{"field", field}, {"value", uri}});
    }
  }
}

void validate(const Application& app) {
  if (app.name.empty() || app.name.size() > 128) {
    throw InvalidInput("application.invalid_name", "name: give 1 to 128 characters.",
                       {{"field", "name"}});
  }
  if (app.type != "spa" && app.type != "native" && app.type != "traditional") {
    throw InvalidInput("application.invalid_type",
                       "type: \"" + app.type + "\" is not one of spa, native, traditional.");
  }
  check_uris(app.redirect_uris, "redirectUris");
  check_uris(app.post_logout_redirect_uris, "postLogoutRedirectUris");
}

void apply(Application& app, const ApplicationInput& in) {
  if (in.name) app.name = *in.name;
  if (in.type) app.type = *in.type;
  if (in.redirect_uris) app.redirect_uris = *in.redirect_uris;
  if (in.post_logout_redirect_uris) app.post_logout_redirect_uris = *in.post_logout_redirect_uris;
}

Application read(db::Statement& s) {
  return Application{
      s.text(0),    s.text(1),          s.text(2),   parse_list(s.text(3)), parse_list(s.text(4)),
      s.integer(5), s.optional_text(6), std::nullopt};
}

const char* kColumns =
    "SELECT id, name, type, redirect_uris, post_logout_redirect_uris, created_at, secret_hash "
    "FROM applications";

}  // namespace

nlohmann::json Application::to_json() const {
  nlohmann::json j = {{"id", id},
                      {"name", name},
                      {"type", type},
                      {"redirectUris", redirect_uris},
                      {"postLogoutRedirectUris", post_logout_redirect_uris},
                      {"createdAt", created_at}};
  if (secret) j["secret"] = *secret;
  return j;
}

void authenticate_client(const Application& app, const std::optional<std::string>& secret) {
  if (app.is_public()) return;
  if (!secret || secret->empty()) {
    throw Problem(401, "invalid_client",
                  "This confidential application must authenticate with its client secret "
                  "(client_secret_basic or client_secret_post).");
  }
  if (!app.secret_hash ||
      !security::constant_time_equal(security::sha256_hex(*secret), *app.secret_hash)) {
    throw Problem(401, "invalid_client", "The client secret is wrong.");
  }
}

Application create_application(db::Database& db, const ApplicationInput& input) {
  Application app;
  app.id = security::random_id();
  app.type = "spa";
  app.created_at = static_cast<int64_t>(std::time(nullptr));
  apply(app, input);
  validate(app);
  if (!app.is_public()) {
    app.secret = security::random_token(32);
    app.secret_hash = security::sha256_hex(*app.secret);
  }
  db.prepare(
        "INSERT INTO applications (id, name, type, redirect_uris, post_logout_redirect_uris, "
        "created_at, secret_hash) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind(1, app.id)
      .bind(2, app.name)
      .bind(3, app.type)
      .bind(4, nlohmann::json(app.redirect_uris).dump())
      .bind(5, nlohmann::json(app.post_logout_redirect_uris).dump())
      .bind(6, app.created_at)
      .bind(7, app.secret_hash)
      .run();
  return app;
}

static Application update_application_now(db::Database& db, const std::string& id,
                                          const ApplicationInput& input);

Application update_application(db::Database& db, const std::string& id,
                               const ApplicationInput& input) {
  // A partial update reads, merges and writes: one transaction, so two at once both land.
  Application out;
  db.transaction([&] { out = update_application_now(db, id, input); });
  return out;
}

static Application update_application_now(db::Database& db, const std::string& id,
                                          const ApplicationInput& input) {
  auto app = find_application(db, id);
  if (!app) throw NotFound("application.not_found", "No application with id \"" + id + "\".");
  bool was_public = app->is_public();
  apply(*app, input);
  validate(*app);
  if (app->is_public() != was_public) {
    throw InvalidInput("application.type_change",
                       "type: an application cannot switch between public (spa, native) and "
                       "traditional; create a new application instead.");
  }
  db.prepare(
        "UPDATE applications SET name = ?, type = ?, redirect_uris = ?, "
        "post_logout_redirect_uris = ? WHERE id = ?")
      .bind(1, app->name)
      .bind(2, app->type)
      .bind(3, nlohmann::json(app->redirect_uris).dump())
      .bind(4, nlohmann::json(app->post_logout_redirect_uris).dump())
      .bind(5, id)
      .run();
  return *app;
}

std::optional<Application> find_application(db::Database& db, const std::string& id) {
  auto s = db.prepare(std::string(kColumns) + " WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read(s);
}

std::vector<Application> list_applications(db::Database& db) {
  auto s = db.prepare(std::string(kColumns) + " ORDER BY created_at, id");
  std::vector<Application> out;
  while (s.step()) out.push_back(read(s));
  return out;
}

bool delete_application(db::Database& db, const std::string& id) {
  db.prepare("DELETE FROM applications WHERE id = ?").bind(1, id).run();
  return db.changes() > 0;
}

std::vector<std::string> allowed_origins(db::Database& db) {
  std::vector<std::string> origins;
  for (const auto& app : list_applications(db)) {
    for (const auto& uri : app.redirect_uris) {
      if (auto u = logto::url::parse(uri)) origins.push_back(u->origin());
    }
  }
  return origins;
}

ApplicationInput application_input_from_json(const nlohmann::json& body) {
  if (!body.is_object()) {
    throw InvalidInput("request.invalid_body", "The body must be a JSON object.");
  }
  ApplicationInput in;
  auto text = [&](const char* key, std::optional<std::string>& out) {
    if (!body.contains(key)) return;
    if (!body[key].is_string()) {
      throw InvalidInput("request.invalid_body", std::string(key) + " must be a string.");
    }
    out = body[key].get<std::string>();
  };
  auto list = [&](const char* key, std::optional<std::vector<std::string>>& out) {
    if (!body.contains(key)) return;
    const auto& v = body[key];
    std::vector<std::string> items;
    bool ok = v.is_array();
    for (const auto& item : ok ? v : nlohmann::json::array()) {
      if (!item.is_string()) ok = false;
      if (ok) items.push_back(item.get<std::string>());
    }
    if (!ok) {
      throw InvalidInput("request.invalid_body",
                         std::string(key) + " must be an array of strings.");
    }
    out = items;
  };
  text("name", in.name);
  text("type", in.type);
  list("redirectUris", in.redirect_uris);
  list("postLogoutRedirectUris", in.post_logout_redirect_uris);
  return in;
}

}  // namespace provider::store
