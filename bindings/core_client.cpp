#include "core_client.hpp"

#include "logto/encoding/json.hpp"

#include <utility>

namespace logto::browser {
namespace {

using nlohmann::json;

std::string failed(const Error& error) {
  return json_text::dump({{"op", 0}, {"type", "failed"}, {"error", error.to_json()}});
}

json arg(const json& args, size_t i) {
  return args.is_array() && i < args.size() ? args[i] : json();
}

// Optional string arguments: undefined/null mean "none", as in @logto/browser.
std::string text(const json& args, size_t i, const char* name) {
  json value = arg(args, i);
  if (value.is_null()) return "";
  if (!value.is_string()) {
    throw client_error("invalid_config", std::string("Expected a string for ") + name + ", got " +
                                             json_text::dump(value) + ".");
  }
  return value.get<std::string>();
}

// The JS method name and its arguments, mapped onto the core's operations.
Operation dispatch(Client& c, const std::string& method, const json& a) {
  if (method == "signIn") {
    return c.sign_in(parse_sign_in_options(arg(a, 0), arg(a, 1), arg(a, 2)));
  }
  if (method == "handleSignInCallback") {
    return c.handle_sign_in_callback(text(a, 0, "the callback URL"));
  }
  if (method == "isSignInRedirected") return c.is_sign_in_redirected(text(a, 0, "the URL"));
  if (method == "isAuthenticated") return c.is_authenticated();
  if (method == "getIdToken") return c.get_id_token();
  if (method == "getIdTokenClaims") return c.get_id_token_claims();
  if (method == "getRefreshToken") return c.get_refresh_token();
  if (method == "getAccessToken") {
    return c.get_access_token(text(a, 0, "resource"), text(a, 1, "organizationId"));
  }
  if (method == "getAccessTokenClaims") return c.get_access_token_claims(text(a, 0, "resource"));
  if (method == "getOrganizationToken") {
    return c.get_organization_token(text(a, 0, "organizationId"));
  }
  if (method == "getOrganizationTokenClaims") {
    return c.get_organization_token_claims(text(a, 0, "organizationId"));
  }
  if (method == "fetchUserInfo") return c.fetch_user_info();
  if (method == "clearAccessToken") return c.clear_access_token();
  if (method == "clearAllTokens") return c.clear_all_tokens();
  if (method == "signOut") return c.sign_out(text(a, 0, "postLogoutRedirectUri"));
  if (method == "getOidcConfig") return c.get_oidc_config();
  throw Error(ErrorClass::LogtoError, "internal_error",
              "Internal SDK error: no core operation named \"" + method + "\".");
}

}  // namespace

CoreClient::CoreClient(const std::string& config_json) {
  try {
    client_ = std::make_unique<Client>(parse_config(json_text::parse(config_json)), storage_,
                                       clock_, random_);
  } catch (const Error& e) {
    config_error_ = e;
  } catch (const std::exception& e) {
    config_error_ = client_error("invalid_config", e.what());
  }
}

std::string CoreClient::start(const std::string& method, const std::string& args_json) {
  if (config_error_) return failed(*config_error_);
  try {
    int op = next_op_++;
    operations_.emplace(op, dispatch(*client_, method, json_text::parse(args_json)));
    return report(op);
  } catch (const Error& e) {
    return failed(e);
  } catch (const std::exception& e) {
    return failed(Error(ErrorClass::LogtoError, "internal_error",
                        std::string("Internal SDK error (please report it): ") + e.what()));
  }
}

std::string CoreClient::resume(int op, int status, const std::string& body,
                               const std::string& error) {
  auto it = operations_.find(op);
  if (it == operations_.end()) {
    return failed(
        Error(ErrorClass::LogtoError, "internal_error",
              "Internal SDK error: operation " + json_text::number(op) + " is not running."));
  }
  oidc::HttpResponse response;
  response.status = status;
  response.body = body;
  response.network_error = error;
  it->second.resume(response);
  return report(op);
}

void CoreClient::cancel(int op) {
  operations_.erase(op);
}

std::string CoreClient::refresh_lock_name() const {
  return client_ ? client_->refresh_lock_name() : std::string();
}

std::string CoreClient::report(int op) {
  auto it = operations_.find(op);
  json step = it->second.step().to_json();
  step["op"] = op;
  if (it->second.finished()) operations_.erase(it);
  return json_text::dump(step);
}

}  // namespace logto::browser
