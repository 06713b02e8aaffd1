// Browser sessions (the signed `logto_session` cookie points here) and pending interactions
// (an /oidc/auth request waiting for the user to sign in).
#pragma once

#include "db/database.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace provider::store {

struct Session {
  std::string id, user_id;
  int64_t auth_time = 0;
};

Session create_session(db::Database& db, const std::string& user_id, int64_t now,
                       int64_t ttl_seconds);
std::optional<Session> find_session(db::Database& db, const std::string& id, int64_t now);
void delete_session(db::Database& db, const std::string& id);

struct Interaction {
  std::string id;
  nlohmann::json params;  // the validated authorization request
};

struct InteractionStart {
  std::optional<Interaction> interaction;  // none when the address has too many open
  int64_t retry_after = 0;                 // then: seconds until its oldest one expires
};
// Stores a new interaction for a request from `ip`, unless `live_cap` (0: none) of that
// address's are still open: the count and the insert are one transaction, so concurrent
// requests cannot pass the cap together.
InteractionStart create_interaction(db::Database& db, const nlohmann::json& params,
                                    const std::string& ip, int64_t live_cap, int64_t now,
                                    int64_t ttl_seconds);
std::optional<Interaction> find_interaction(db::Database& db, const std::string& id, int64_t now);
// True for the one caller that removed it: finishing an interaction claims it this way, so two
// requests finishing one sign-in at once make one session and one code.
bool delete_interaction(db::Database& db, const std::string& id);

}  // namespace provider::store
