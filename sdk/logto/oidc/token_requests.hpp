// Token, revocation and userinfo requests (@logto/js fetch-token/revoke/user-info), and the
// checked reading of a token response.
#pragma once

#include "logto/oidc/http.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace logto::oidc {

// Views of the caller's strings: a grant lives only for the call that builds its request.
struct CodeGrant {
  std::string_view token_endpoint, client_id, code, code_verifier, redirect_uri;
};
struct RefreshGrant {
  std::string_view token_endpoint, client_id, refresh_token, resource, organization_id;
};

HttpRequest authorization_code_request(const CodeGrant& g);
HttpRequest refresh_token_request(const RefreshGrant& g);
HttpRequest revocation_request(const std::string& revocation_endpoint, const std::string& client_id,
                               const std::string& token);
HttpRequest userinfo_request(const std::string& userinfo_endpoint, const std::string& access_token);

struct TokenResponse {
  std::string access_token;
  std::optional<std::string> refresh_token;
  std::optional<std::string> id_token;
  std::string scope;  // "" when the server omits it
  double expires_in = 0;
};

// Fails with `unexpected_response_error` naming the first missing or mistyped field.
// `require_id_token`: the code grant must return one (OpenID Connect Core §3.1.3.3).
Result<TokenResponse> parse_token_response(const Json& body, bool require_id_token);

}  // namespace logto::oidc
