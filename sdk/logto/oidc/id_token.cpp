#include "logto/oidc/id_token.hpp"

#include "logto/encoding/json.hpp"
#include "logto/errors.hpp"
#include "logto/jose/token_error.hpp"

#include <cmath>

namespace logto::oidc {
namespace {

using jose::token_error;
using jose::TokenFailure;

std::string to_text(double seconds) {
  return json_text::number(std::trunc(seconds));
}

Error missing(const char* claim) {
  return token_error(TokenFailure::ClaimMissing, cat("The \"", claim, "\" claim is missing."),
                     claim);
}

}  // namespace

Status check_id_token_claims(const Json& c, const IdTokenExpectations& e) {
  auto iss = c.find("iss");
  if (!iss || !iss->is_string()) return missing("iss");
  if (*iss != e.issuer) {
    return token_error(TokenFailure::ClaimMismatch,
                       cat("Expected issuer \"", e.issuer, "\", got \"", iss->as_string(), "\"."),
                       "iss", e.issuer, *iss);
  }
  auto sub = c.find("sub");
  if (!sub || !sub->is_string() || sub->as_string().empty()) return missing("sub");
  auto aud = c.find("aud");
  if (!aud) return missing("aud");
  bool aud_ok = false;
  if (aud->is_string()) aud_ok = *aud == e.client_id;
  if (aud->is_array()) {
    for (const auto& a : aud->elements()) aud_ok = aud_ok || (a.is_string() && a == e.client_id);
  }
  if (!aud_ok) {
    return token_error(
        TokenFailure::ClaimMismatch,
        cat("Expected audience \"", e.client_id, "\", got ", json_text::dump(*aud), "."), "aud",
        e.client_id, *aud);
  }
  auto exp = c.find("exp");
  if (!exp || !exp->is_number()) return missing("exp");
  if (exp->get<double>() <= e.now_seconds - e.tolerance_seconds) {
    return token_error(
        TokenFailure::Expired,
        cat("The token expired at ", to_text(exp->get<double>()), " (now ", to_text(e.now_seconds),
            ", tolerance ", to_text(e.tolerance_seconds), " s)."),
        "exp", std::trunc(e.now_seconds - e.tolerance_seconds), *exp);
  }
  auto nbf = c.find("nbf");
  if (nbf && nbf->is_number() && nbf->get<double>() > e.now_seconds + e.tolerance_seconds) {
    return token_error(TokenFailure::NotYetValid,
                       cat("The token is not valid before ", to_text(nbf->get<double>()), " (now ",
                           to_text(e.now_seconds), ")."),
                       "nbf", std::trunc(e.now_seconds + e.tolerance_seconds), *nbf);
  }
  auto iat = c.find("iat");
  if (!iat || !iat->is_number()) {
    return token_error(TokenFailure::IatOutOfWindow, "The \"iat\" claim is missing.", "iat");
  }
  if (std::fabs(iat->get<double>() - e.now_seconds) > e.tolerance_seconds) {
    return token_error(
        TokenFailure::IatOutOfWindow,
        cat("Issued at ", to_text(iat->get<double>()), " but now is ", to_text(e.now_seconds),
            ": more than ", to_text(e.tolerance_seconds), " s apart. Check this device's clock."),
        "iat", std::trunc(e.now_seconds), *iat);
  }
  return {};
}

Status check_same_identity(const Json& before, const Json& after) {
  for (const char* claim : {"iss", "sub"}) {
    if (before[claim] != after[claim]) {
      return token_error(
          TokenFailure::IdentityChanged,
          cat("The new ID token names another \"", claim, "\" than the signed-in session's."),
          claim, before[claim], after[claim]);
    }
  }
  // `aud` as a set: one string and a one-element array name the same audience.
  auto within = [](const Json& a, const Json& b) {
    auto has = [&b](const Json& v) {
      if (b == v) return true;
      for (const auto& e : b.elements()) {
        if (e == v) return true;
      }
      return false;
    };
    if (!a.is_array()) return has(a);
    for (const auto& e : a.elements()) {
      if (!has(e)) return false;
    }
    return true;
  };
  const Json& aud_before = before["aud"];
  const Json& aud_after = after["aud"];
  if (!within(aud_before, aud_after) || !within(aud_after, aud_before)) {
    return token_error(TokenFailure::IdentityChanged,
                       "The new ID token names another \"aud\" than the signed-in session's.",
                       "aud", before["aud"], after["aud"]);
  }
  return {};
}

Result<jose::KeyLookup> verify_id_token(const std::string& token, const Json& jwks,
                                        const IdTokenExpectations& expect) {
  auto jws = jose::parse_compact(token);
  if (!jws) return jws.error();
  auto lookup = jose::verify_signature(*jws, jwks);
  if (!lookup || *lookup == jose::KeyLookup::KidNotFound) return lookup;
  if (auto claims = check_id_token_claims(jws->payload, expect); !claims) return claims.error();
  return jose::KeyLookup::Found;
}

}  // namespace logto::oidc
