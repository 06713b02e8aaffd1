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

void check_id_token_claims(const nlohmann::json& c, const IdTokenExpectations& e) {
  auto iss = c.find("iss");
  if (iss == c.end() || !iss->is_string()) throw invalid("The \"iss\" claim is missing.");
  if (*iss != e.issuer) {
    throw invalid("Expected issuer \"" + e.issuer + "\", got \"" + iss->get<std::string>() + "\".");
  }
  auto sub = c.find("sub");
  if (sub == c.end() || !sub->is_string() || sub->get<std::string>().empty()) {
    throw invalid("The \"sub\" claim is missing.");
  }
  auto aud = c.find("aud");
  bool aud_ok = false;
  if (aud != c.end() && aud->is_string()) aud_ok = *aud == e.client_id;
  if (aud != c.end() && aud->is_array()) {
    for (const auto& a : *aud) aud_ok = aud_ok || (a.is_string() && a == e.client_id);
  }
  if (!aud_ok) {
    throw invalid("Expected audience \"" + e.client_id + "\", got " +
                  (aud == c.end() ? std::string("none") : json_text::dump(*aud)) + ".");
  }
  auto exp = c.find("exp");
  if (exp == c.end() || !exp->is_number()) throw invalid("The \"exp\" claim is missing.");
  if (exp->get<double>() <= e.now_seconds - e.tolerance_seconds) {
    throw invalid("The token expired at " + to_text(exp->get<double>()) + " (now " +
                  to_text(e.now_seconds) + ", tolerance " + to_text(e.tolerance_seconds) + " s).");
  }
  auto nbf = c.find("nbf");
  if (nbf != c.end() && nbf->is_number() &&
      nbf->get<double>() > e.now_seconds + e.tolerance_seconds) {
    throw invalid("The token is not valid before " + to_text(nbf->get<double>()) + " (now " +
                  to_text(e.now_seconds) + ").");
  }
  auto iat = c.find("iat");
  if (iat == c.end() || !iat->is_number()) {
    throw logto_error("id_token.invalid_iat", "The \"iat\" claim is missing.");
  }
  if (std::fabs(iat->get<double>() - e.now_seconds) > e.tolerance_seconds) {
    throw logto_error("id_token.invalid_iat", "Issued at " + to_text(iat->get<double>()) +
                                                  " but now is " + to_text(e.now_seconds) +
                                                  ": more than " + to_text(e.tolerance_seconds) +
                                                  " s apart. Check this device's clock.");
  }
}

jose::KeyLookup verify_id_token(const std::string& token, const nlohmann::json& jwks,
                                const IdTokenExpectations& expect) {
  jose::CompactJws jws = jose::parse_compact(token);
  if (jose::verify_signature(jws, jwks) == jose::KeyLookup::KidNotFound) {
    return jose::KeyLookup::KidNotFound;
  }
  check_id_token_claims(jws.payload, expect);
  return jose::KeyLookup::Found;
}

}  // namespace logto::oidc
