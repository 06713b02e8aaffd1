#include "logto/client/token_store.hpp"

#include "logto/errors.hpp"

#include "logto/encoding/json.hpp"

#include <utility>

namespace logto {

std::string access_token_key(const std::string& resource, const std::string& organization_id) {
  std::string key = cat("@", resource);
  if (!organization_id.empty()) append_to(key, "#", organization_id);
  return key;
}

TokenStore::TokenStore(Storage& storage, std::string app_id)
    : storage_(storage), app_id_(std::move(app_id)) {}

std::string TokenStore::key(const std::string& item) const {
  return cat("logto:", app_id_, ":", item);
}

void TokenStore::note(Status&& status) {
  if (!status.ok() && failure_.ok()) failure_ = std::move(status);
}

Status TokenStore::take_failure() {
  return std::exchange(failure_, Status());
}

std::optional<std::string> TokenStore::read(StorageScope scope, const std::string& k) {
  auto value = storage_.get(scope, k);
  if (!value) {
    note(value.error());
    return std::nullopt;
  }
  return *value;
}

void TokenStore::put(StorageScope scope, const std::string& item,
                     const std::optional<std::string>& value) {
  // @logto removes the key for an empty value instead of storing "".
  if (value && !value->empty()) {
    note(storage_.set(scope, key(item), *value));
  } else {
    note(storage_.remove(scope, key(item)));
  }
}

Json TokenStore::entry(const std::string& key, Json&& value) {
  Json pair = Json::array();
  pair.push_back(key);
  pair.push_back(std::move(value));
  return pair;
}

Json TokenStore::local_entry(const std::string& item) {
  std::string k = key(item);
  auto value = read(StorageScope::Local, k);
  return entry(k, value ? Json(*value) : Json());
}

std::optional<std::string> TokenStore::id_token() {
  auto v = read(StorageScope::Local, key("idToken"));
  return v && !v->empty() ? v : std::nullopt;
}

std::optional<std::string> TokenStore::refresh_token() {
  auto v = read(StorageScope::Local, key("refreshToken"));
  return v && !v->empty() ? v : std::nullopt;
}

void TokenStore::set_id_token(const std::optional<std::string>& value) {
  put(StorageScope::Local, "idToken", value);
}

void TokenStore::set_refresh_token(const std::optional<std::string>& value) {
  put(StorageScope::Local, "refreshToken", value);
}

AccessTokenMap TokenStore::access_tokens() {
  AccessTokenMap map;
  auto raw = read(StorageScope::Local, key("accessToken"));
  if (!raw) return map;
  auto j = json_text::parse(*raw);
  if (j.is_discarded() || !j.is_object()) return map;
  for (const auto& [k, v] : j.members()) {
    // Same rule as @logto's isLogtoAccessTokenMap: one malformed entry voids the map.
    if (!v["token"].is_string() || !v["scope"].is_string() || !v["expiresAt"].is_number()) {
      return {};
    }
    map.emplace_back(
        k, AccessToken{v["token"].as_string(), v["scope"].as_string(), v["expiresAt"].as_number()});
  }
  return map;
}

void TokenStore::save_access_tokens(const AccessTokenMap& map) {
  // Written by hand in @logto's key order, so the stored text is what JSON.stringify makes.
  std::string text = "{";
  for (const auto& [k, t] : map) {
    if (text.size() > 1) text += ",";
    append_to(text, json_text::quoted(k), ":{\"token\":", json_text::quoted(t.token),
              ",\"scope\":", json_text::quoted(t.scope),
              ",\"expiresAt\":", json_text::number(t.expires_at), "}");
  }
  text += '}';
  note(storage_.set(StorageScope::Local, key("accessToken"), text));
}

std::optional<AccessToken> TokenStore::access_token(const std::string& key) {
  for (auto& [k, token] : access_tokens()) {
    if (k == key) return std::move(token);
  }
  return std::nullopt;
}

void TokenStore::save_access_token(const std::string& key, AccessToken&& token) {
  AccessTokenMap map = access_tokens();
  auto it = map.begin();
  while (it != map.end() && it->first != key) ++it;
  if (it == map.end()) {
    map.emplace_back(key, std::move(token));
  } else {
    it->second = std::move(token);
  }
  save_access_tokens(map);
}

void TokenStore::clear_access_tokens() {
  note(storage_.remove(StorageScope::Local, key("accessToken")));
}

Result<std::optional<SignInSession>> TokenStore::sign_in_session() {
  auto raw = read(StorageScope::Session, key("signInSession"));
  // @logto/browser 1.x kept the session under the bare prefix; still read it.
  if (!raw) raw = read(StorageScope::Session, cat("logto:", app_id_));
  if (!raw || raw->empty()) return std::optional<SignInSession>();
  auto j = json_text::parse(*raw);
  const Json& c = j;  // read-only: a missing member reads as null
  auto is_str = [&](const char* k) { return c[k].is_string(); };
  if (j.is_discarded() || !j.is_object() || !is_str("redirectUri") || !is_str("codeVerifier") ||
      !is_str("state")) {
    return client_error("sign_in_session.invalid",
                        "The stored sign-in session is not {redirectUri, codeVerifier, state}; "
                        "start again with signIn().");
  }
  SignInSession s{c["redirectUri"].as_string(), std::nullopt, c["codeVerifier"].as_string(),
                  c["state"].as_string()};
  if (is_str("postRedirectUri")) s.post_redirect_uri = c["postRedirectUri"].as_string();
  return std::optional<SignInSession>(std::move(s));
}

void TokenStore::save_sign_in_session(const std::string& redirect_uri,
                                      const std::optional<std::string>& post_redirect_uri,
                                      const std::string& code_verifier, const std::string& state) {
  std::string text = cat("{\"redirectUri\":", json_text::quoted(redirect_uri));
  if (post_redirect_uri)
    append_to(text, ",\"postRedirectUri\":", json_text::quoted(*post_redirect_uri));
  append_to(text, ",\"codeVerifier\":", json_text::quoted(code_verifier),
            ",\"state\":", json_text::quoted(state), "}");
  put(StorageScope::Session, "signInSession", text);
}

void TokenStore::clear_sign_in_session() {
  put(StorageScope::Session, "signInSession", std::nullopt);
}

void TokenStore::clear_all_tokens() {
  set_refresh_token(std::nullopt);
  set_id_token(std::nullopt);
  clear_access_tokens();
}

}  // namespace logto
