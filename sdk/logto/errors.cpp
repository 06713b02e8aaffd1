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

std::string join_message(const std::string& base, const std::string& detail) {
  if (detail.empty()) return base;
  if (base.empty()) return detail;
  return cat(base, " ", detail);
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

const char* class_name(ErrorClass cls) {
  switch (cls) {
    case ErrorClass::LogtoError:
      return "LogtoError";
    case ErrorClass::LogtoClientError:
      return "LogtoClientError";
    case ErrorClass::LogtoRequestError:
      return "LogtoRequestError";
    case ErrorClass::NetworkError:
      return "TypeError";
    case ErrorClass::WasmError:
      return "LogtoWasmError";
  }
  return "Error";
}

std::string Error::to_text() const {
  std::string out =
      cat("{\"class\":", json_text::quote(class_name(cls_)), ",\"code\":", json_text::quote(code_),
          ",\"message\":", json_text::quote(what()));
  if (!data_.is_null()) append_to(out, ",\"data\":", data_.dump());
  if (status_ != 0) append_to(out, ",\"status\":", json_text::number(status_));
  out += '}';
  return out;
}

Json Error::to_json() const {
  return Json::parse(to_text());
}

Json failure_data(const char* reason, const char* claim, Json expected, Json found) {
  Json data = Json::object();
  data["reason"] = reason;
  if (*claim) data["claim"] = claim;
  if (!expected.is_null()) data["expected"] = std::move(expected);
  if (!found.is_null()) data["found"] = std::move(found);
  return data;
}

Error logto_error(const char* code, const std::string& detail, Json data) {
  return Error(ErrorClass::LogtoError, code,
               join_message(base_message(ErrorClass::LogtoError, code), detail), std::move(data));
}

Error client_error(const char* code, const std::string& detail, Json data) {
  return Error(ErrorClass::LogtoClientError, code,
               join_message(base_message(ErrorClass::LogtoClientError, code), detail),
               std::move(data));
}

Error wasm_error(const char* code, const std::string& detail, Json data) {
  return Error(ErrorClass::WasmError, code,
               join_message(base_message(ErrorClass::WasmError, code), detail), std::move(data));
}

Error request_error(const std::string& code, const std::string& message, int status, Json body) {
  return Error(ErrorClass::LogtoRequestError, code, message, std::move(body), status);
}

Error network_error(const std::string& message) {
  return Error(ErrorClass::NetworkError, "network_error", message);
}

Error storage_error(const std::string& key, const std::string& reason, const std::string& action) {
  return Error(ErrorClass::WasmError, "storage_unavailable",
               cat("Could not ", action, " \"", key, "\" in browser storage: ", reason,
                   ". Storage may be full or disabled (private window); free space or allow "
                   "site data, then sign in again."));
}

}  // namespace logto
