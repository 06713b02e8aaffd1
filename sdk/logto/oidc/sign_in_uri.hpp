// The authorization request URL, parameter for parameter and in the same order as
// @logto/js 3.x generateSignInUri, so a provider sees no difference between the two SDKs.
#pragma once

#include "logto/encoding/url.hpp"
#include "logto/list.hpp"

#include <optional>
#include <string>

namespace logto::oidc {

struct DirectSignIn {
  std::string method;  // "social", "sso", ...
  std::string target;
};

struct SignInUriParams {
  std::string authorization_endpoint;
  std::string client_id;
  std::string redirect_uri;
  std::string code_challenge;
  std::string state;
  List<std::string> scopes;
  List<std::string> resources;
  List<std::string> prompt;  // empty: "consent"
  std::string first_screen;
  std::string interaction_mode;  // deprecated; used only without first_screen
  std::string login_hint;
  List<std::string> identifiers;
  std::optional<DirectSignIn> direct_sign_in;
  std::string one_time_token;
  url::Params extra_params;
  bool include_reserved_scopes = true;
};

std::string build_sign_in_uri(const SignInUriParams& p);

// openid, offline_access, profile, then `scopes`, without duplicates (first one wins).
List<std::string> with_reserved_scopes(const List<std::string>& scopes);

std::string join(const List<std::string>& items, const char* sep = " ");

// The end-session URL (@logto/js generateSignOutUri).
std::string build_sign_out_uri(const std::string& end_session_endpoint,
                               const std::string& client_id,
                               const std::string& post_logout_redirect_uri);

}  // namespace logto::oidc
