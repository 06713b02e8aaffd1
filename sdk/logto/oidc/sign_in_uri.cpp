#include "logto/oidc/sign_in_uri.hpp"

#include "logto/encoding/cat.hpp"

#include <algorithm>

namespace logto::oidc {

std::string join(const List<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

List<std::string> with_reserved_scopes(const List<std::string>& scopes) {
  List<std::string> out = {"openid", "offline_access", "profile"};
  for (const auto& s : scopes) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

std::string build_sign_in_uri(const SignInUriParams& p) {
  std::string q;
  url::add_param(q, "client_id", p.client_id);
  url::add_param(q, "redirect_uri", p.redirect_uri);
  url::add_param(q, "code_challenge", p.code_challenge);
  url::add_param(q, "code_challenge_method", "S256");
  url::add_param(q, "state", p.state);
  url::add_param(q, "response_type", "code");
  url::add_param(q, "prompt", p.prompt.empty() ? std::string("consent") : join(p.prompt));
  std::string scope =
      p.include_reserved_scopes ? join(with_reserved_scopes(p.scopes)) : join(p.scopes);
  if (!scope.empty()) url::add_param(q, "scope", scope);
  if (!p.login_hint.empty()) url::add_param(q, "login_hint", p.login_hint);
  if (p.direct_sign_in) {
    url::add_param(q, "direct_sign_in",
                   cat(p.direct_sign_in->method, ":", p.direct_sign_in->target));
  }
  for (const auto& r : p.resources) url::add_param(q, "resource", r);
  if (!p.first_screen.empty()) {
    url::add_param(q, "first_screen", p.first_screen);
  } else if (!p.interaction_mode.empty()) {
    url::add_param(q, "interaction_mode", p.interaction_mode);
  }
  if (!p.identifiers.empty()) url::add_param(q, "identifier", join(p.identifiers));
  if (!p.one_time_token.empty()) url::add_param(q, "one_time_token", p.one_time_token);
  for (const auto& [key, value] : p.extra_params) url::add_param(q, key, value);
  return cat(p.authorization_endpoint, "?", q);
}

std::string build_sign_out_uri(const std::string& end_session_endpoint,
                               const std::string& client_id,
                               const std::string& post_logout_redirect_uri) {
  std::string q;
  url::add_param(q, "client_id", client_id);
  if (!post_logout_redirect_uri.empty()) {
    url::add_param(q, "post_logout_redirect_uri", post_logout_redirect_uri);
  }
  return cat(end_session_endpoint, "?", q);
}

}  // namespace logto::oidc
