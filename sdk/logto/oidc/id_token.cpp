#include "logto/oidc/id_token.hpp"

#include "logto/encoding/json.hpp"
#include "logto/errors.hpp"

#include <cmath>

namespace logto::oidc {
namespace {

Error invalid(const std::string& detail) {
  return logto_error("id_token.invalid_token", detail);
}

std::string to_text(double seconds) {
  return json_text::number(std::trunc(seconds));
}

}  // namespace

Status check_id_token_claims(const Json& c, const IdTokenExpectations& e) {
  auto iss = c.find("iss");
  if (!iss || !iss->is_string()) return invalid("The \"iss\" claim is missing.");
  if (*iss != e.issuer) {
    return invalid("Expected issuer \"" + e.issuer + "\", got \"" + iss->get<std::string>() +
                   "\".");
  }
  auto sub = c.find("sub");
  if (!sub || !sub->is_string() || sub->get<std::string>().empty()) {
    return invalid("The \"sub\" claim is missing.");
  }
  auto aud = c.find("aud");
  bool aud_ok = false;
  if (aud && aud->is_string()) aud_ok = *aud == e.client_id;
  if (aud && aud->is_array()) {
    for (const auto& a : aud->elements()) aud_ok = aud_ok || (a.is_string() && a == e.client_id);
  }
  if (!aud_ok) {
    return invalid("Expected audience \"" + e.client_id + "\", got " +
                   (!aud ? std::string("none") : json_text::dump(*aud)) + ".");
  }
  auto exp = c.find("exp");
  if (!exp || !exp->is_number()) return invalid("The \"exp\" claim is missing.");
  if (exp->get<double>() <= e.now_seconds - e.tolerance_seconds) {
    return invalid("The token expired at " + to_text(exp->get<double>()) + " (now " +
                   to_text(e.now_seconds) + ", tolerance " + to_text(e.tolerance_seconds) + " s).");
  }
  auto nbf = c.find("nbf");
  if (nbf && nbf->is_number() && nbf->get<double>() > e.now_seconds + e.tolerance_seconds) {
    return invalid("The token is not valid before " + to_text(nbf->get<double>()) + " (now " +
                   to_text(e.now_seconds) + ").");
  }
  auto iat = c.find("iat");
  if (!iat || !iat->is_number()) {
    return logto_error("id_token.invalid_iat", "The \"iat\" claim is missing.");
  }
  if (std::fabs(iat->get<double>() - e.now_seconds) > e.tolerance_seconds) {
    return logto_error("id_token.invalid_iat", "Issued at " + to_text(iat->get<double>()) +
                                                   " but now is " + to_text(e.now_seconds) +
                                                   ": more than " + to_text(e.tolerance_seconds) +
                                                   " s apart. Check this device's clock.");
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
