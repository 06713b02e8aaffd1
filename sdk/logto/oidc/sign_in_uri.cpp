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
  url::Params q = {
      {"client_id", p.client_id},
      {"redirect_uri", p.redirect_uri},
      {"code_challenge", p.code_challenge},
      {"code_challenge_method", "S256"},
      {"state", p.state},
      {"response_type", "code"},
      {"prompt", p.prompt.empty() ? std::string("consent") : join(p.prompt)},
  };
  std::string scope =
      p.include_reserved_scopes ? join(with_reserved_scopes(p.scopes)) : join(p.scopes);
  if (!scope.empty()) q.emplace_back("scope", scope);
  if (!p.login_hint.empty()) q.emplace_back("login_hint", p.login_hint);
  if (p.direct_sign_in) {
    q.emplace_back("direct_sign_in", cat(p.direct_sign_in->method, ":", p.direct_sign_in->target));
  }
  for (const auto& r : p.resources) q.emplace_back("resource", r);
  if (!p.first_screen.empty()) {
    q.emplace_back("first_screen", p.first_screen);
  } else if (!p.interaction_mode.empty()) {
    q.emplace_back("interaction_mode", p.interaction_mode);
  }
  if (!p.identifiers.empty()) q.emplace_back("identifier", join(p.identifiers));
  if (!p.one_time_token.empty()) q.emplace_back("one_time_token", p.one_time_token);
  for (const auto& kv : p.extra_params) q.push_back(kv);
  return cat(p.authorization_endpoint, "?", url::serialize(q));
}

std::string build_sign_out_uri(const std::string& end_session_endpoint,
                               const std::string& client_id,
                               const std::string& post_logout_redirect_uri) {
  url::Params q = {{"client_id", client_id}};
  if (!post_logout_redirect_uri.empty()) {
    q.emplace_back("post_logout_redirect_uri", post_logout_redirect_uri);
  }
  return cat(end_session_endpoint, "?", url::serialize(q));
}

}  // namespace logto::oidc
