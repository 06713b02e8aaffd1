#include "logto/oidc/token_requests.hpp"

#include "logto/errors.hpp"

namespace logto::oidc {

HttpRequest authorization_code_request(const CodeGrant& g) {
  return form_post(g.token_endpoint, {{"client_id", g.client_id},
                                      {"code", g.code},
                                      {"code_verifier", g.code_verifier},
                                      {"redirect_uri", g.redirect_uri},
                                      {"grant_type", "authorization_code"}});
}

HttpRequest refresh_token_request(const RefreshGrant& g) {
  std::vector<std::pair<std::string, std::string>> fields = {{"client_id", g.client_id},
                                                             {"refresh_token", g.refresh_token},
                                                             {"grant_type", "refresh_token"}};
  if (!g.resource.empty()) fields.emplace_back("resource", g.resource);
  if (!g.organization_id.empty()) fields.emplace_back("organization_id", g.organization_id);
  return form_post(g.token_endpoint, fields);
}

HttpRequest revocation_request(const std::string& revocation_endpoint, const std::string& client_id,
                               const std::string& token) {
  return form_post(revocation_endpoint, {{"client_id", client_id}, {"token", token}});
}

HttpRequest userinfo_request(const std::string& userinfo_endpoint,
                             const std::string& access_token) {
  HttpRequest r;
  r.url = userinfo_endpoint;
  r.headers = {{"Authorization", "Bearer " + access_token}};
  return r;
}

TokenResponse parse_token_response(const nlohmann::json& body, bool require_id_token) {
  auto bad = [&](const std::string& what) {
    return logto_error("unexpected_response_error", "The token response " + what + ".", body);
  };
  if (!body.is_object()) throw bad("is not a JSON object");
  auto optional_string = [&](const char* key) -> std::optional<std::string> {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) throw bad(std::string("has a non-string \"") + key + "\"");
    return it->get<std::string>();
  };
  TokenResponse t;
  auto access = optional_string("access_token");
  if (!access || access->empty()) throw bad("has no \"access_token\"");
  t.access_token = *access;
  t.refresh_token = optional_string("refresh_token");
  t.id_token = optional_string("id_token");
  if (require_id_token && (!t.id_token || t.id_token->empty())) throw bad("has no \"id_token\"");
  t.scope = optional_string("scope").value_or("");
  auto exp = body.find("expires_in");
  if (exp == body.end() || !exp->is_number() || exp->get<double>() < 0) {
    throw bad("has no non-negative numeric \"expires_in\"");
  }
  t.expires_in = exp->get<double>();
  return t;
}

}  // namespace logto::oidc
