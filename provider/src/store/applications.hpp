// Registered applications (OIDC clients).
#pragma once

#include "db/database.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace provider::store {

struct Application {
  std::string id;
  std::string name;
  std::string type;  // spa | native | traditional
  std::vector<std::string> redirect_uris;
  std::vector<std::string> post_logout_redirect_uris;
  int64_t created_at = 0;
  std::optional<std::string> secret_hash;  // traditional apps only
  std::optional<std::string> secret;       // in clear only in create's result, shown once

  // SPA and native apps cannot keep a secret: PKCE (S256) is mandatory for them.
  bool is_public() const { return type == "spa" || type == "native"; }
  nlohmann::json to_json() const;
};

struct ApplicationInput {
  std::optional<std::string> name, type;
  std::optional<std::vector<std::string>> redirect_uris, post_logout_redirect_uris;
};

// Throws InvalidInput naming the field: empty name, unknown type, a URI that is not absolute
// http(s) or carries a fragment.
Application create_application(db::Database& db, const ApplicationInput& input);
Application update_application(db::Database& db, const std::string& id,
                               const ApplicationInput& input);
std::optional<Application> find_application(db::Database& db, const std::string& id);
std::vector<Application> list_applications(db::Database& db);
bool delete_application(db::Database& db, const std::string& id);

// Client authentication at the token and revocation endpoints: public apps need none;
// traditional apps must present their secret (client_secret_basic or client_secret_post).
// Throws a 401 invalid_client Problem saying what is missing or wrong.
void authenticate_client(const Application& app, const std::optional<std::string>& secret);

// "scheme://host[:port]" of each registered redirect URI of every application: the origins
// allowed to call the token, userinfo and revocation endpoints from a browser.
std::vector<std::string> allowed_origins(db::Database& db);

// Parses an application from JSON ({name, type, redirectUris, postLogoutRedirectUris});
// throws InvalidInput for wrong types.
ApplicationInput application_input_from_json(const nlohmann::json& body);

}  // namespace provider::store
