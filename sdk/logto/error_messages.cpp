// The base messages @logto gives its codes, which every message of the core starts with
// (errors.hpp). A file of its own: the browser modules link bindings/browser_messages.cpp
// instead, and the page's JavaScript adds the base message (js/src/errors.js holds the same
// tables for its classes' default messages), so the text ships once.
#include "logto/errors.hpp"

#include <cstddef>
#include <iterator>

namespace logto {
namespace {

// Plain arrays searched in order: a std::map here would cost a tree and a string per entry in
// the browser module, for two dozen lookups per page.
struct Message {
  const char* code;
  const char* text;
};

const Message kLogtoMessages[] = {
    {"id_token.invalid_iat", "Invalid issued at time in the ID token"},
    {"id_token.invalid_token", "Invalid ID token"},
    {"callback_uri_verification.redirect_uri_mismatched",
     "The callback URI mismatches the redirect URI."},
    {"callback_uri_verification.error_found", "Error found in the callback URI"},
    {"callback_uri_verification.missing_state", "Missing state in the callback URI"},
    {"callback_uri_verification.state_mismatched", "State mismatched in the callback URI"},
    {"callback_uri_verification.missing_code", "Missing code in the callback URI"},
    {"crypto_subtle_unavailable", "Crypto.subtle is unavailable in insecure contexts (non-HTTPS)."},
    {"unexpected_response_error", "Unexpected response error from the server."},
};

const Message kClientMessages[] = {
    {"sign_in_session.invalid", "Invalid sign-in session."},
    {"sign_in_session.not_found", "Sign-in session not found."},
    {"not_authenticated", "Not authenticated."},
    {"fetch_user_info_failed", "Unable to fetch user info. The access token may be invalid."},
    {"user_cancelled", "The user cancelled the action."},
    {"missing_scope_organizations", "The `urn:logto:scope:organizations` scope is required"},
};

const Message kWasmMessages[] = {
    {"invalid_config", "Invalid LogtoClient config."},
    {"storage_unavailable", "Browser storage is unavailable."},
    {"crypto_unavailable", "No secure random source is available."},
    {"internal_error", "Internal SDK error."},
    {"callback_uri_verification.issuer_mismatched",
     "The sign-in response comes from another issuer."},
    {"callback_uri_verification.missing_issuer", "The sign-in response has no issuer."},
};

std::string find_message(const Message* table, size_t size, const std::string& code) {
  for (size_t i = 0; i < size; ++i) {
    if (code == table[i].code) return table[i].text;
  }
  return std::string();
}

}  // namespace

std::string base_message(ErrorClass cls, const std::string& code) {
  if (cls == ErrorClass::LogtoClientError) {
    return find_message(kClientMessages, std::size(kClientMessages), code);
  }
  if (cls == ErrorClass::WasmError)
    return find_message(kWasmMessages, std::size(kWasmMessages), code);
  return find_message(kLogtoMessages, std::size(kLogtoMessages), code);
}

}  // namespace logto
