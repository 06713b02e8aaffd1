#include "oidc/tokens.hpp"

#include "errors/problem.hpp"
#include "logto/errors.hpp"
#include "logto/jose/jws.hpp"
#include "logto/jose/verify.hpp"
#include "security/random.hpp"
#include "store/grants.hpp"
#include "store/signing_keys.hpp"

#include <set>
#include <sstream>

namespace provider::oidc {
namespace {

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

std::string sign(Context& ctx, const nlohmann::json& payload, const char* typ) {
  return ctx.signing_keys()->keys.front().sign(payload, security::system_random(), {{"typ", typ}});
}

}  // namespace

std::string granted_scope(const std::string& requested) {
  static const std::set<std::string> supported = {"openid", "offline_access", "profile", "phone"};
  std::string out;
  std::set<std::string> seen;
  for (const auto& s : split(requested)) {
    if (supported.count(s) && seen.insert(s).second) out += (out.empty() ? "" : " ") + s;
  }
  return out;
}

bool has_scope(const std::string& scope, const std::string& wanted) {
  for (const auto& s : split(scope)) {
    if (s == wanted) return true;
  }
  return false;
}

nlohmann::json user_claims(const store::User& user, const std::string& scope) {
  nlohmann::json claims = {{"sub", user.id}};
  auto opt = [](const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json();
  };
  if (has_scope(scope, "profile")) {
    claims["name"] = opt(user.name);
    claims["username"] = opt(user.username);
  }
  if (has_scope(scope, "phone")) {
    claims["phone_number"] = opt(user.phone);
    claims["phone_number_verified"] = user.phone.has_value() && user.phone_verified;
  }
  return claims;
}

std::string userinfo_audience(const Context& ctx) {
  return ctx.issuer() + "/me";
}

std::string mint_id_token(Context& ctx, const TokenRequest& r, int64_t now) {
  nlohmann::json claims = user_claims(*r.user, r.scope);
  claims["iss"] = ctx.issuer();
  claims["aud"] = r.client_id;
  claims["iat"] = now;
  claims["exp"] = now + ctx.config().access_token_ttl;
  claims["auth_time"] = r.auth_time;
  if (r.nonce) claims["nonce"] = *r.nonce;
  return sign(ctx, claims, "JWT");
}

std::string mint_access_token(Context& ctx, const TokenRequest& r, int64_t now) {
  nlohmann::json claims = {{"iss", ctx.issuer()},
                           {"sub", r.user->id},
                           {"aud", r.resource ? *r.resource : userinfo_audience(ctx)},
                           {"client_id", r.client_id},
                           {"scope", r.scope},
                           {"iat", now},
                           {"exp", now + ctx.config().access_token_ttl},
                           {"jti", security::random_token(16)},
                           {"gid", r.grant_id}};
  return sign(ctx, claims, "at+jwt");
}

nlohmann::json jwks(Context& ctx) {
  return nlohmann::json::parse(ctx.signing_keys()->jwks_json);
}

nlohmann::json verify_userinfo_token(Context& ctx, const std::string& token, int64_t now) {
  auto refuse = [](const char* why) { return Problem(401, "invalid_token", why); };
  logto::Json payload;
  try {
    auto jws = logto::or_throw(logto::jose::parse_compact(token));
    if (logto::or_throw(logto::jose::verify_signature(jws, jwks(ctx))) !=
        logto::jose::KeyLookup::Found) {
      throw refuse("the token was not signed by this provider");
    }
    payload = jws.payload;
  } catch (const logto::Error&) {
    throw refuse("the token is malformed or its signature is invalid");
  }
  // The provider works with nlohmann::json; the sdk's value converts through its text.
  const auto c = nlohmann::json::parse(payload.dump());
  if (c.value("iss", "") != ctx.issuer() || c.value("aud", "") != userinfo_audience(ctx)) {
    throw refuse("the token is not for this endpoint");
  }
  if (!c.contains("exp") || !c["exp"].is_number() || c["exp"].get<int64_t>() <= now) {
    throw refuse("the token has expired");
  }
  auto grant = store::find_grant(ctx.db(), c.value("gid", ""));
  if (!grant || grant->revoked) throw refuse("the grant behind the token was revoked");
  return c;
}

}  // namespace provider::oidc
