// Minting and checking the provider's tokens: ID tokens (OIDC Core §2) and a resource's or an
// organization's access tokens, JWTs signed ES384 with the newest active key; the access token
// /oidc/me accepts is opaque (store/access_tokens.hpp), as Logto's.
#pragma once

#include "context.hpp"
#include "oidc/scopes.hpp"
#include "store/users.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace provider::oidc {

// Claims for `scope`, as Logto maps them: profile → name, username; phone →
// phone_number(_verified); roles → roles (role names); urn:logto:scope:organizations →
// organizations (ids), and organization_data ([{id, name, description}]) in userinfo only;
// urn:logto:scope:organization_roles → organization_roles ("{organization id}:{role name}").
enum class ClaimUse { IdToken, Userinfo };
nlohmann::json user_claims(db::Database& db, const store::User& user, const std::string& scope,
                           ClaimUse use);

struct TokenRequest {
  const store::User* user;
  std::string client_id;
  std::string scope;  // the grant's OIDC scopes: the ID token's claims
  std::string grant_id;
  int64_t auth_time = 0;
  std::optional<std::string> nonce;
  std::optional<std::string> audience;  // a resource or an organization URN; none: userinfo
  std::string access_scope;             // the access token's scope
};

std::string mint_id_token(Context& ctx, const TokenRequest& request, int64_t now);
std::string mint_access_token(Context& ctx, const TokenRequest& request, int64_t now);

// The audience of access tokens minted without a resource: what /oidc/me accepts.
std::string userinfo_audience(const Context& ctx);

// The JWKS: public parts of every active key.
nlohmann::json jwks(Context& ctx);

// Verifies an access token for /oidc/me: known (or a JWT from before opaque tokens, signed by
// an active key with the userinfo audience), not expired, and its grant not revoked. Returns
// {sub, client_id, scope, exp, gid}; throws a 401 invalid_token Problem saying why.
nlohmann::json verify_userinfo_token(Context& ctx, const std::string& token, int64_t now);
// The same checks for an access token minted for `audience` (a resource indicator).
nlohmann::json verify_access_token(Context& ctx, const std::string& token,
                                   const std::string& audience, int64_t now);

}  // namespace provider::oidc
