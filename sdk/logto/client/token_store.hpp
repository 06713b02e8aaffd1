// Everything the client persists, under the keys and in the formats of @logto/browser, so a
// site that switches SDKs keeps its users signed in:
//   localStorage   logto:{appId}:idToken, :refreshToken, :accessToken (JSON map)
//   sessionStorage logto:{appId}:signInSession (JSON)
#pragma once

#include "logto/list.hpp"
#include "logto/ports.hpp"

#include <optional>
#include <string>
#include <utility>

namespace logto {

struct AccessToken {
  std::string token;
  std::string scope;
  double expires_at = 0;  // seconds since the epoch
};
// Key -> token, in the order of the stored map (a list: a handful of entries at most).
using AccessTokenMap = List<std::pair<std::string, AccessToken>>;

struct SignInSession {
  std::string redirect_uri;
  std::optional<std::string> post_redirect_uri;
  std::string code_verifier;
  std::string state;
};

// `{sorted scopes}@{resource}[#{organizationId}]` (@logto/client buildAccessTokenKey); the SDK
// passes no scopes, so keys look like "@" or "@https://api.example.com#org1".
std::string access_token_key(const std::string& resource, const std::string& organization_id);

class TokenStore {
 public:
  TokenStore(Storage& storage, std::string app_id);

  std::string key(const std::string& item) const;  // logto:{appId}:{item}

  std::optional<std::string> id_token();
  std::optional<std::string> refresh_token();
  void set_id_token(const std::optional<std::string>& value);
  void set_refresh_token(const std::optional<std::string>& value);

  // A missing or unreadable map reads as empty, as @logto/client does.
  AccessTokenMap access_tokens();
  void save_access_tokens(const AccessTokenMap& map);
  // One entry of the map, and an update of one entry (the others are kept as stored).
  std::optional<AccessToken> access_token(const std::string& key);
  void save_access_token(const std::string& key, AccessToken&& token);
  void clear_access_tokens();

  // Fails with LogtoClientError `sign_in_session.invalid` for a stored value of the wrong shape.
  Result<std::optional<SignInSession>> sign_in_session();
  // The session's fields as they are, not copied into a SignInSession first.
  void save_sign_in_session(const std::string& redirect_uri,
                            const std::optional<std::string>& post_redirect_uri,
                            const std::string& code_verifier, const std::string& state);
  void clear_sign_in_session();

  void clear_all_tokens();

  // [logto:{appId}:{item}, its text in localStorage or null], read now.
  Json local_entry(const std::string& item);
  // A memo's [localStorage key, what it holds], as memos name them (client.hpp).
  static Json entry(const std::string& key, Json&& value);

  // The first refusal of the Storage port since the last call (a read that failed reads as
  // absent, a write that failed is not retried), so an operation can end with it: the client
  // checks it before any step that depends on the writes, and after every step.
  Status take_failure();

 private:
  std::optional<std::string> read(StorageScope scope, const std::string& key);
  void note(Status&& status);
  void put(StorageScope scope, const std::string& item, const std::optional<std::string>& value);

  Storage& storage_;
  std::string app_id_;
  Status failure_;  // ok: no refusal since the last take_failure()
};

}  // namespace logto
