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

std::string build_sign_in_uri(const SignInRequest& r, const SignInOptions& o) {
  std::string q;
  url::add_param(q, "client_id", r.client_id);
  url::add_param(q, "redirect_uri", o.redirect_uri);
  url::add_param(q, "code_challenge", r.code_challenge);
  url::add_param(q, "code_challenge_method", "S256");
  url::add_param(q, "state", r.state);
  url::add_param(q, "response_type", "code");
  const List<std::string>& prompt = o.prompt.empty() ? r.prompt : o.prompt;
  url::add_param(q, "prompt", prompt.empty() ? std::string("consent") : join(prompt));
  std::string scope =
      r.include_reserved_scopes ? join(with_reserved_scopes(r.scopes)) : join(r.scopes);
  if (!scope.empty()) url::add_param(q, "scope", scope);
  if (!o.login_hint.empty()) url::add_param(q, "login_hint", o.login_hint);
  if (o.direct_sign_in) {
    url::add_param(q, "direct_sign_in",
                   cat(o.direct_sign_in->method, ":", o.direct_sign_in->target));
  }
  for (const auto& res : r.resources) url::add_param(q, "resource", res);
  if (!o.first_screen.empty()) {
    url::add_param(q, "first_screen", o.first_screen);
  } else if (!o.interaction_mode.empty()) {
    url::add_param(q, "interaction_mode", o.interaction_mode);
  }
  if (!o.identifiers.empty()) url::add_param(q, "identifier", join(o.identifiers));
  if (!o.one_time_token.empty()) url::add_param(q, "one_time_token", o.one_time_token);
  for (const auto& [key, value] : o.extra_params) url::add_param(q, key, value);
  return cat(r.authorization_endpoint, "?", q);
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
