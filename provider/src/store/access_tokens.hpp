// Opaque access tokens: what the token endpoint issues when no resource or organization is
// asked for, accepted only by /oidc/me. Logto (oidc-provider) issues these as opaque strings,
// not JWTs; a lookup here costs less than the ES384 signature a JWT would. Stored as SHA-256
// hashes; revoked with their grant (the lookup reads the grant's state) or one by one (RFC 7009).
#pragma once

#include "db/database.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace provider::store {

// Returns the token; its row lives until `now + ttl_seconds`.
std::string issue_access_token(db::Database& db, const std::string& grant_id,
                               const std::string& scope, int64_t now, int64_t ttl_seconds);

struct AccessToken {
  std::string grant_id, user_id, client_id, scope;
  int64_t expires_at = 0;
  bool grant_revoked = false;
};
// The token's row and its grant's state, if the token is known (expired or not).
std::optional<AccessToken> find_access_token(db::Database& db, const std::string& token);

// Revokes one token issued to `client_id`; returns false if there was none.
bool revoke_access_token(db::Database& db, const std::string& token, const std::string& client_id);

}  // namespace provider::store
