// What a user granted a client, and the credentials minted from it: authorization codes
// (single use, 60 s by default) and refresh tokens (14 days, rotated on every use). Codes and
// tokens are stored as SHA-256 hashes only.
#pragma once

#include "db/database.hpp"

#include <optional>
#include <string>

namespace provider::store {

constexpr int64_t kRefreshReuseLeewaySeconds = 5;

struct Grant {
  std::string id, user_id, client_id;
  std::string scope;        // the OIDC scopes granted ("openid profile ...")
  std::string resources;    // the resource indicators the authorization named, space-separated
  std::string extra_scope;  // its other scope words: permissions, decided per token
  int64_t auth_time = 0;
  bool revoked = false;
};

// `expires_at`: until when anything issued from the grant may still be presented (its code and
// that code's tokens); each refresh token issued extends it to that token's expiry. The
// sweeper removes the grant, and with it its codes and tokens, after that.
// `grant`'s id is made here and returned.
std::string create_grant(db::Database& db, const Grant& grant, int64_t now, int64_t expires_at);
std::optional<Grant> find_grant(db::Database& db, const std::string& id);
// Marks the grant revoked and revokes every refresh token issued from it.
void revoke_grant(db::Database& db, const std::string& grant_id);

struct CodeRequest {
  std::string grant_id, redirect_uri, code_challenge;
  std::optional<std::string> resource, nonce;
};
std::string create_code(db::Database& db, const CodeRequest& request, int64_t now,
                        int64_t ttl_seconds);

enum class CodeState { Valid, Unknown, Reused, Expired };
struct CodeLookup {
  CodeState state = CodeState::Unknown;
  CodeRequest request;
  // Whether the grant was revoked (or is gone) when the code was consumed, read in the same
  // transaction. Only this is to be checked for a Valid code: a replay of the code can only
  // revoke the grant after that transaction, and the exchange it races must still be the one
  // that succeeds (the tokens it issues then die with the grant).
  bool grant_revoked = false;
};
// Consumes the code: a second call with the same code sees Reused, and the caller revokes
// the grant (RFC 6749 §4.1.2).
CodeLookup consume_code(db::Database& db, const std::string& code, int64_t now);

std::string issue_refresh_token(db::Database& db, const std::string& grant_id, int64_t now,
                                int64_t ttl_seconds);

enum class RefreshState { Valid, Unknown, Revoked, Expired, ReusedInLeeway, Reused };
struct RefreshLookup {
  RefreshState state = RefreshState::Unknown;
  std::string grant_id;
};
// Marks the token rotated. Presented again within the leeway (a retry, two tabs racing) it is
// ReusedInLeeway; after it, Reused, and the caller revokes the grant.
RefreshLookup use_refresh_token(db::Database& db, const std::string& token, int64_t now);
// The grant a refresh token belongs to, if the token is known; rotates nothing. Lets a refresh
// be refused (not a member, a resource never asked for) before its token is used up.
std::optional<std::string> refresh_token_grant(db::Database& db, const std::string& token);
// Revokes one refresh token; returns false if it was unknown.
bool revoke_refresh_token(db::Database& db, const std::string& token, const std::string& client_id);

}  // namespace provider::store
