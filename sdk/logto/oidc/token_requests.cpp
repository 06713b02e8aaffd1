#include "logto/oidc/token_requests.hpp"

#include "logto/encoding/url.hpp"
#include "logto/errors.hpp"

namespace logto::oidc {

HttpRequest authorization_code_request(const CodeGrant& g) {
  std::string body;
  url::add_param(body, "client_id", g.client_id);
  url::add_param(body, "code", g.code);
  url::add_param(body, "code_verifier", g.code_verifier);
  url::add_param(body, "redirect_uri", g.redirect_uri);
  url::add_param(body, "grant_type", "authorization_code");
  return form_post(g.token_endpoint, std::move(body));
}

HttpRequest refresh_token_request(const RefreshGrant& g) {
  std::string body;
  url::add_param(body, "client_id", g.client_id);
  url::add_param(body, "refresh_token", g.refresh_token);
  url::add_param(body, "grant_type", "refresh_token");
  if (!g.resource.empty()) url::add_param(body, "resource", g.resource);
  if (!g.organization_id.empty()) url::add_param(body, "organization_id", g.organization_id);
  return form_post(g.token_endpoint, std::move(body));
}

HttpRequest revocation_request(const std::string& revocation_endpoint, const std::string& client_id,
                               const std::string& token) {
  std::string body;
  url::add_param(body, "client_id", client_id);
  url::add_param(body, "token", token);
  return form_post(revocation_endpoint, std::move(body));
}

HttpRequest userinfo_request(const std::string& userinfo_endpoint,
                             const std::string& access_token) {
  HttpRequest r;
  r.url = userinfo_endpoint;
  r.headers = {{"Authorization", cat("Bearer ", access_token)}};
  return r;
}

Result<TokenResponse> parse_token_response(const Json& body, bool require_id_token) {
  // The response itself never goes into the error: it holds live tokens, and errors get logged.
  auto bad = [](const std::string& what, const char* field = nullptr) {
    Json data = failure_data("token_response.invalid");
    if (field) data["field"] = field;
    return logto_error("unexpected_response_error", cat("The token response ", what, "."),
                       std::move(data));
  };
  if (!body.is_object()) return bad("is not a JSON object");
  TokenResponse t;
  std::optional<std::string> access, scope;
  const std::pair<const char*, std::optional<std::string>*> strings[] = {
      {"access_token", &access},
      {"refresh_token", &t.refresh_token},
      {"id_token", &t.id_token},
      {"scope", &scope},
  };
  for (const auto& [key, out] : strings) {
    auto it = body.find(key);
    if (!it || it->is_null()) continue;
    if (!it->is_string()) return bad(cat("has a non-string \"", key, "\""), key);
    *out = it->as_string();
  }
  if (!access || access->empty()) return bad("has no \"access_token\"", "access_token");
  t.access_token = std::move(*access);
  if (require_id_token && (!t.id_token || t.id_token->empty()))
    return bad("has no \"id_token\"", "id_token");
  t.scope = scope.value_or("");
  auto exp = body.find("expires_in");
  if (!exp || !exp->is_number() || exp->get<double>() < 0) {
    return bad("has no non-negative numeric \"expires_in\"", "expires_in");
  }
  t.expires_in = exp->get<double>();
  return t;
}

}  // namespace logto::oidc
