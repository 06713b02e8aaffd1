// The browser client's logic (@logto/client StandardLogtoClient), as operations that describe
// their network effects instead of performing them. State lives in Storage; the only
// in-memory caches are the discovery document and the JWKS.
#pragma once

#include "logto/client/config.hpp"
#include "logto/client/operation.hpp"
#include "logto/client/token_store.hpp"
#include "logto/jose/verify.hpp"
#include "logto/oidc/discovery.hpp"
#include "logto/oidc/sign_in_uri.hpp"
#include "logto/oidc/token_requests.hpp"
#include "logto/ports.hpp"

#include "logto/encoding/json.hpp"

#include <cmath>
#include <optional>
#include <string>

namespace logto {

using oidc::SignInOptions;

// signIn('https://…') or signIn({ redirectUri, … }); the optional mode and hint arguments of
// the string form are accepted too. Fails with `invalid_config` for a missing redirectUri.
Result<SignInOptions> parse_sign_in_options(const Json& options,
                                            const Json& interaction_mode = nullptr,
                                            const Json& login_hint = nullptr);

class Client {
 public:
  Client(LogtoConfig config, Storage& storage, Clock& clock, Random& random);
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  const LogtoConfig& config() const { return config_; }
  TokenStore& store() { return store_; }

  Operation sign_in(const SignInOptions& options);
  Operation handle_sign_in_callback(const std::string& callback_uri);
  // The core's own ID-token checks (signature, iss, aud, exp, iat), whatever verifier is set:
  // the default JwtVerifier's verifyIdToken.
  Operation check_id_token_with_core(const std::string& id_token);
  Operation is_sign_in_redirected(const std::string& url);
  Operation is_authenticated();
  Operation get_id_token();
  Operation get_id_token_claims();
  Operation get_refresh_token();
  Operation get_access_token(const std::string& resource = "",
                             const std::string& organization_id = "");
  Operation get_access_token_claims(const std::string& resource = "");
  Operation get_organization_token(const std::string& organization_id);
  Operation get_organization_token_claims(const std::string& organization_id);
  Operation fetch_user_info();
  Operation clear_access_token();
  Operation clear_all_tokens();
  Operation sign_out(const std::string& post_logout_redirect_uri = "");
  Operation get_oidc_config();

  // With `external`, ID tokens are handed to the page's own verifier (a `verify` step) instead
  // of being checked here: @logto's setJwtVerifier.
  // Finishes at once.
  Operation use_external_id_token_verifier(bool external);

  // The name of the cross-tab lock a refresh holds: logto:{appId}:refresh.
  std::string refresh_lock_name() const;

 private:
  using ConfigThen = Callback<Step(const oidc::OidcConfig&)>;

  // An operation whose steps also end on a refusal of this client's storage.
  Operation operation(const Callback<Step()>& start);
  using TokenThen = Callback<Step(const std::string&)>;

  Step with_config(ConfigThen then);
  Step check_id_token(const std::string& id_token, const Callback<Step()>& then,
                      bool jwks_refetched);
  // The JWKS URL for a token request's `prefetch`: the set the core will fetch to check the ID
  // token in the answer, when it checks it itself and has not fetched the set yet; else "".
  std::string jwks_to_prefetch() const;
  // The page's verifier when one is set, else the core's checks.
  Step verify_id_token(const std::string& id_token, Callback<Step()> then);
  Step core_verify_id_token(const std::string& id_token, Callback<Step()> then,
                            bool jwks_refetched);
  struct SignatureCheck {
    jose::CompactJws jws;
    jose::KeySelection selection;
  };
  // sign_in once the host has hashed the verifier: stores the session and navigates.
  Step redirect_to_sign_in(const SignInOptions& options, const std::string& verifier,
                           const std::string& state, const std::string& challenge);
  // Tries the selected keys from `index` on, one signature step each, then checks the claims.
  Step try_keys(const SignatureCheck& check, size_t index, const Callback<Step()>& then);
  Step access_token(const std::string& resource, const std::string& organization_id,
                    TokenThen then);
  // `retried`: this is the one retry after another tab rotated the refresh token under us.
  Step refresh(const std::string& resource, const std::string& organization_id, TokenThen then,
               bool retried = false);
  Step organization_token(const std::string& organization_id, TokenThen then);
  std::optional<std::string> cached_access_token(const std::string& key);
  // The token endpoint's answer, read and checked.
  Result<oidc::TokenResponse> read_tokens(const oidc::HttpResponse& response,
                                          bool require_id_token);
  void save_access_token(const std::string& key, const oidc::TokenResponse& tokens,
                         double requested_at);
  double now_seconds() { return clock_.now_ms() / 1000.0; }
  // Math.round(Date.now() / 1000), as @logto/js stamps a token request. floor(x + 0.5) is what
  // Math.round does for a positive time; floor is one wasm instruction, libm's round 172 bytes.
  double whole_seconds_now() { return std::floor(now_seconds() + 0.5); }
  // `done(value)` with a memo: the page may answer the same call with `value` again, without
  // the core, while each listed localStorage item still holds the text read here (any write,
  // from this tab or another, changes it) and, when `valid_until` is given, until then (seconds).
  // So the rules stay here: the core says what an answer depends on and how long it lasts. A
  // memo may instead name items by presence alone ({present}), when that is all the answer
  // depends on (isAuthenticated). Such a memo names no token, so the build records it for a
  // placeholder appId and a cold page answers from it before the core has loaded
  // (scripts/first-answers.mjs).
  Step done_with_memo(Json&& value, std::initializer_list<const char*> items,
                      double valid_until = 0);
  // An access token's answer, with a memo valid until its stored expiry.
  Step memo_token(const std::string& token, const std::string& key);

  LogtoConfig config_;
  TokenStore store_;
  Clock& clock_;
  Random& random_;
  std::optional<oidc::OidcConfig> oidc_config_;
  std::optional<Json> jwks_;
  bool external_verifier_ = false;
};

// Access-token claims: {} for an opaque token, the payload for a JWT.
Result<Json> decode_access_token(const std::string& token);

}  // namespace logto
