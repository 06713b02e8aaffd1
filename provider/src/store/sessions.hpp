// Browser sessions (the signed `logto_session` cookie points here) and pending interactions
// (an /oidc/auth request waiting for the user to sign in).
#pragma once

#include "db/sqlite.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace provider::store {

struct Session {
  std::string id, user_id;
  int64_t auth_time = 0;
};

constexpr int64_t kSessionSeconds = 14 * 24 * 3600;
constexpr int64_t kInteractionSeconds = 600;

Session create_session(db::Database& db, const std::string& user_id, int64_t now);
std::optional<Session> find_session(db::Database& db, const std::string& id, int64_t now);
void delete_session(db::Database& db, const std::string& id);

struct Interaction {
  std::string id;
  nlohmann::json params;  // the validated authorization request
};

Interaction create_interaction(db::Database& db, const nlohmann::json& params, int64_t now);
std::optional<Interaction> find_interaction(db::Database& db, const std::string& id, int64_t now);
// True for the one caller that removed it: finishing an interaction claims it this way, so two
// requests finishing one sign-in at once make one session and one code.
bool delete_interaction(db::Database& db, const std::string& id);

}  // namespace provider::store
