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

// What signIn() was asked for (@logto's SignInOptions, with its string form's arguments).
struct SignInOptions {
  std::string redirect_uri;
  std::optional<std::string> post_redirect_uri;
  List<std::string> prompt;  // empty: the app's prompt
  bool clear_tokens = true;
  std::string interaction_mode;  // deprecated; used only without first_screen
  std::string first_screen, login_hint, one_time_token;
  List<std::string> identifiers;
  std::optional<DirectSignIn> direct_sign_in;
  url::Params extra_params;
};

// The app's side of the request. References, not copies: the URL is built from the client's
// config and the values of one sign-in while they are alive.
struct SignInRequest {
  const std::string& authorization_endpoint;
  const std::string& client_id;
  const std::string& code_challenge;
  const std::string& state;
  const List<std::string>& scopes;
  const List<std::string>& resources;
  const List<std::string>& prompt;  // used when the options have none; empty: "consent"
  bool include_reserved_scopes;
};

std::string build_sign_in_uri(const SignInRequest& r, const SignInOptions& o);

// openid, offline_access, profile, then `scopes`, without duplicates (first one wins).
List<std::string> with_reserved_scopes(const List<std::string>& scopes);

std::string join(const List<std::string>& items, const char* sep = " ");

// The end-session URL (@logto/js generateSignOutUri).
std::string build_sign_out_uri(const std::string& end_session_endpoint,
                               const std::string& client_id,
                               const std::string& post_logout_redirect_uri);

}  // namespace logto::oidc
