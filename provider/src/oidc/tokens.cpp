#include "oidc/tokens.hpp"

#include "errors/problem.hpp"
#include "logto/encoding/base64url.hpp"
#include "logto/errors.hpp"
#include "logto/jose/jws.hpp"
#include "logto/jose/verify.hpp"
#include "security/cpu_gate.hpp"
#include "security/random.hpp"
#include "store/access_tokens.hpp"
#include "store/grants.hpp"
#include "store/organizations.hpp"
#include "store/roles.hpp"
#include "store/signing_keys.hpp"

namespace provider::oidc {
namespace {

// Signing is pure CPU (an ES384 signature is about 0.12 ms with Nettle, 0.6 ms for RSA or with
// mbedTLS); with fifty requests signing at once on two cores each is preempted many times over
// and the slowest wait longest. One per core at a time, the others asleep until a slot frees.
security::CpuGate& signing_gate() {
  static security::CpuGate gate(security::cpu_slots());
  return gate;
}

std::string sign(Context& ctx, const nlohmann::json& payload, const char* typ) {
  auto keys = ctx.signing_keys();
  const auto& key = keys->keys.front();
  security::CpuGate::Turn turn(signing_gate());
  if (!keys->ecdsa) return key.sign(payload, security::system_random(), {{"typ", typ}});
  std::string input = key.signing_input(payload, {{"typ", typ}});
  return input + "." + logto::base64url::encode(keys->ecdsa->sign(input));
}

}  // namespace

nlohmann::json user_claims(db::Database& db, const store::User& user, const std::string& scope,
                           ClaimUse use) {
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
  if (has_scope(scope, kRolesScope)) {
    auto names = nlohmann::json::array();
    for (const auto& role : store::list_user_roles(db, user.id)) names.push_back(role.name);
    claims["roles"] = names;
  }
  bool organizations = has_scope(scope, kOrganizationsScope);
  bool organization_roles = has_scope(scope, kOrganizationRolesScope);
  if (organizations || organization_roles) {
    auto memberships = store::user_memberships(db, user.id);
    auto ids = nlohmann::json::array(), data = nlohmann::json::array(),
         roles = nlohmann::json::array();
    for (const auto& m : memberships) {
      ids.push_back(m.id);
      data.push_back({{"id", m.id}, {"name", m.name}, {"description", m.description}});
      for (const auto& role : m.role_names) roles.push_back(m.id + ":" + role);
    }
    if (organizations) {
      claims["organizations"] = ids;
      if (use == ClaimUse::Userinfo) claims["organization_data"] = data;
    }
    if (organization_roles) claims["organization_roles"] = roles;
  }
  return claims;
}

std::string userinfo_audience(const Context& ctx) {
  return ctx.issuer() + "/me";
}

std::string mint_id_token(Context& ctx, const TokenRequest& r, int64_t now) {
  nlohmann::json claims = user_claims(ctx.db(), *r.user, r.scope, ClaimUse::IdToken);
  claims["iss"] = ctx.issuer();
  claims["aud"] = r.client_id;
  claims["iat"] = now;
  claims["exp"] = now + ctx.config().access_token_ttl;
  claims["auth_time"] = r.auth_time;
  if (r.nonce) claims["nonce"] = *r.nonce;
  return sign(ctx, claims, "JWT");
}

std::string mint_access_token(Context& ctx, const TokenRequest& r, int64_t now) {
  if (!r.audience) {
    // For /oidc/me only: opaque, as Logto issues it, and one signature fewer per exchange.
    return store::issue_access_token(ctx.db(), r.grant_id, r.access_scope, now,
                                     ctx.config().access_token_ttl);
  }
  nlohmann::json claims = {{"iss", ctx.issuer()},
                           {"sub", r.user->id},
                           {"aud", *r.audience},
                           {"client_id", r.client_id},
                           {"scope", r.access_scope},
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
  // JWTs with the userinfo audience were issued before migration 7; they stay good until
  // they expire.
  if (token.find('.') != std::string::npos) {
    return verify_access_token(ctx, token, userinfo_audience(ctx), now);
  }
  auto found = store::find_access_token(ctx.db(), token);
  if (!found) throw Problem(401, "invalid_token", "the token is unknown or was revoked");
  if (found->expires_at <= now) throw Problem(401, "invalid_token", "the token has expired");
  if (found->grant_revoked) {
    throw Problem(401, "invalid_token", "the grant behind the token was revoked");
  }
  return {{"sub", found->user_id},
          {"client_id", found->client_id},
          {"scope", found->scope},
          {"exp", found->expires_at},
          {"gid", found->grant_id}};
}

nlohmann::json verify_access_token(Context& ctx, const std::string& token,
                                   const std::string& audience, int64_t now) {
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
  if (!c.is_object() || !c.contains("iss") || c["iss"] != ctx.issuer() || !c.contains("aud") ||
      c["aud"] != audience) {
    throw refuse("the token is not for this endpoint");
  }
  if (!c.contains("exp") || !c["exp"].is_number() || c["exp"].get<int64_t>() <= now) {
    throw refuse("the token has expired");
  }
  auto grant = store::find_grant(ctx.db(), c.contains("gid") && c["gid"].is_string()
                                               ? c["gid"].get<std::string>()
                                               : std::string());
  if (!grant || grant->revoked) throw refuse("the grant behind the token was revoked");
  return c;
}

}  // namespace provider::oidc
