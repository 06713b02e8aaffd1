#include "core_client.hpp"

#include "logto/encoding/json.hpp"

#include <utility>

namespace logto::browser {
namespace {

using json = Json;

std::string failure_json(const Error& error) {
  return failed(error).to_text(0);
}

json arg(const json& args, size_t i) {
  return args.is_array() && i < args.size() ? args[i] : json();
}

// Optional string arguments: undefined/null mean "none", as in @logto/browser. A value of
// another type sets `bad` (the first one wins) and reads as "". Only methods that take a
// second argument look at it, so extra arguments are ignored as in JavaScript.
std::string text(const json& args, size_t i, const char* name, std::optional<Error>& bad) {
  json value = arg(args, i);
  if (value.is_string()) return value.get<std::string>();
  if (!value.is_null() && !bad) {
    bad = client_error("invalid_config", std::string("Expected a string for ") + name + ", got " +
                                             json_text::dump(value) + ".");
  }
  return "";
}

// The JS method name and its arguments, mapped onto the core's operations.
Result<Operation> dispatch(Client& c, const std::string& method, const json& a) {
  if (method == "signIn") {
    auto options = parse_sign_in_options(arg(a, 0), arg(a, 1), arg(a, 2));
    if (!options) return options.error();
    return c.sign_in(*options);
  }
  if (method == "isAuthenticated") return c.is_authenticated();
  if (method == "getIdToken") return c.get_id_token();
  if (method == "getIdTokenClaims") return c.get_id_token_claims();
  if (method == "getRefreshToken") return c.get_refresh_token();
  if (method == "fetchUserInfo") return c.fetch_user_info();
  if (method == "clearAccessToken") return c.clear_access_token();
  if (method == "clearAllTokens") return c.clear_all_tokens();
  if (method == "getOidcConfig") return c.get_oidc_config();
  // The rest take up to two optional strings, checked before the operation starts.
  std::optional<Error> bad;
  auto name = [&](const char* first, const char* second = nullptr) {
    std::string one = text(a, 0, first, bad);
    return std::pair<std::string, std::string>(one, second ? text(a, 1, second, bad) : "");
  };
  std::pair<std::string, std::string> s;
  if (method == "handleSignInCallback") {
    s = name("the callback URL");
  } else if (method == "isSignInRedirected") {
    s = name("the URL");
  } else if (method == "getAccessToken") {
    s = name("resource", "organizationId");
  } else if (method == "getAccessTokenClaims") {
    s = name("resource");
  } else if (method == "getOrganizationToken" || method == "getOrganizationTokenClaims") {
    s = name("organizationId");
  } else if (method == "signOut") {
    s = name("postLogoutRedirectUri");
  } else {
    return Error(ErrorClass::LogtoError, "internal_error",
                 "Internal SDK error: no core operation named \"" + method + "\".");
  }
  if (bad) return *bad;
  if (method == "handleSignInCallback") return c.handle_sign_in_callback(s.first);
  if (method == "isSignInRedirected") return c.is_sign_in_redirected(s.first);
  if (method == "getAccessToken") return c.get_access_token(s.first, s.second);
  if (method == "getAccessTokenClaims") return c.get_access_token_claims(s.first);
  if (method == "getOrganizationToken") return c.get_organization_token(s.first);
  if (method == "getOrganizationTokenClaims") return c.get_organization_token_claims(s.first);
  return c.sign_out(s.first);
}

}  // namespace

CoreClient::CoreClient(const std::string& config_json) {
  auto config = parse_config(json_text::parse(config_json));
  if (config) {
    client_ = std::make_unique<Client>(std::move(*config), storage_, clock_, random_);
  } else {
    config_error_ = config.error();
  }
}

std::string CoreClient::start(const std::string& method, const std::string& args_json) {
  if (config_error_) return failure_json(*config_error_);
  auto operation = dispatch(*client_, method, json_text::parse(args_json));
  if (!operation) return failure_json(operation.error());
  operations_.emplace_back(next_op_++, std::move(*operation));
  return report(operations_.end() - 1);
}

CoreClient::Running::iterator CoreClient::find(int op) {
  auto it = operations_.begin();
  while (it != operations_.end() && it->first != op) ++it;
  return it;
}

std::string CoreClient::resume(int op, int status, const std::string& body,
                               const std::string& error) {
  auto it = find(op);
  if (it == operations_.end()) {
    return failure_json(
        Error(ErrorClass::LogtoError, "internal_error",
              "Internal SDK error: operation " + json_text::number(op) + " is not running."));
  }
  oidc::HttpResponse response;
  response.status = status;
  response.body = body;
  response.network_error = error;
  it->second.resume(response);
  return report(it);
}

void CoreClient::cancel(int op) {
  auto it = find(op);
  if (it != operations_.end()) operations_.erase(it);
}

std::string CoreClient::report(Running::iterator it) {
  std::string step = it->second.step().to_text(it->first);
  if (it->second.finished()) operations_.erase(it);
  return step;
}

}  // namespace logto::browser
