#include "console/console_app.hpp"

#include "store/applications.hpp"

#include <algorithm>

namespace provider::console {
namespace {

std::optional<std::string> stored_id(db::Database& db) {
  auto s = db.prepare("SELECT value FROM meta WHERE key = 'console_app_id'");
  if (!s.step()) return std::nullopt;
  return s.text(0);
}

}  // namespace

std::string ensure_console_app(Context& ctx) {
  auto lease = ctx.db();
  db::Database& db = lease;
  const std::string base = ctx.config().public_url + "/console";
  const std::string callback = base + "/callback";
  if (auto id = stored_id(db)) {
    if (auto app = store::find_application(db, *id)) {
      auto has = [](const std::vector<std::string>& list, const std::string& uri) {
        return std::find(list.begin(), list.end(), uri) != list.end();
      };
      if (!has(app->redirect_uris, callback) || !has(app->post_logout_redirect_uris, base)) {
        // A new public URL: its callback joins the old ones (an older tab may still finish).
        store::ApplicationInput update;
        update.redirect_uris = app->redirect_uris;
        update.post_logout_redirect_uris = app->post_logout_redirect_uris;
        if (!has(app->redirect_uris, callback)) update.redirect_uris->push_back(callback);
        if (!has(app->post_logout_redirect_uris, base)) {
          update.post_logout_redirect_uris->push_back(base);
        }
        store::update_application(db, *id, update);
      }
      return *id;
    }
  }
  store::ApplicationInput input;
  input.name = "Logto Console";
  input.type = "spa";
  input.redirect_uris = std::vector<std::string>{callback};
  input.post_logout_redirect_uris = std::vector<std::string>{base};
  auto app = store::create_application(db, input);
  db.prepare(
        "INSERT INTO meta (key, value) VALUES ('console_app_id', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind(1, app.id)
      .run();
  return app.id;
}

}  // namespace provider::console
