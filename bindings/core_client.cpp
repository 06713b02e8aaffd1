#include "core_client.hpp"

#include "logto/encoding/json.hpp"

#include <utility>

namespace logto::browser {
namespace {

std::string failure_json(const Error& error) {
  return failed(error).to_text(0);
}

// Optional string arguments: undefined/null mean "none", as in @logto/browser. A value of
// another type sets `bad` (the first one wins) and reads as "". Only methods that take a
// second argument look at it, so extra arguments are ignored as in JavaScript. A missing
// argument reads as null (so does anything indexed out of range, or a non-array).
std::string text(const Json& args, size_t i, const char* name, std::optional<Error>& bad) {
  const Json& value = args[i];
  if (value.is_string()) return value.as_string();
  if (!value.is_null() && !bad) {
    bad = wasm_error("invalid_config", std::string("Expected a string for ") + name + ", got " +
                                           json_text::dump(value) + ".");
  }
  return "";
}

// The JS method name and its arguments, mapped onto the core's operations.
Result<Operation> dispatch(Client& c, const std::string& method, const Json& a) {
  if (method == "signIn") {
    auto options = parse_sign_in_options(a[0], a[1], a[2]);
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
  // The rest take optional strings, checked before the operation starts.
  std::optional<Error> bad;
  auto string_arg = [&](size_t i, const char* name) { return text(a, i, name, bad); };
  if (method == "handleSignInCallback") {
    std::string url = string_arg(0, "the callback URL");
    if (bad) return *bad;
    return c.handle_sign_in_callback(url);
  }
  if (method == "isSignInRedirected") {
    std::string url = string_arg(0, "the URL");
    if (bad) return *bad;
    return c.is_sign_in_redirected(url);
  }
  if (method == "getAccessToken") {
    std::string resource = string_arg(0, "resource");
    std::string organization_id = string_arg(1, "organizationId");
    if (bad) return *bad;
    return c.get_access_token(resource, organization_id);
  }
  if (method == "getAccessTokenClaims") {
    std::string resource = string_arg(0, "resource");
    if (bad) return *bad;
    return c.get_access_token_claims(resource);
  }
  if (method == "getOrganizationToken" || method == "getOrganizationTokenClaims") {
    std::string organization_id = string_arg(0, "organizationId");
    if (bad) return *bad;
    return method == "getOrganizationToken" ? c.get_organization_token(organization_id)
                                            : c.get_organization_token_claims(organization_id);
  }
  if (method == "verifyIdToken") {
    std::string token = string_arg(0, "the ID token");
    if (bad) return *bad;
    return c.check_id_token_with_core(token);
  }
  // setJwtVerifier: [true] hands ID tokens to the page's verifier, [false] to the core.
  if (method == "useExternalJwtVerifier") {
    return c.use_external_id_token_verifier(a[0].as_boolean());
  }
  if (method == "signOut") {
    std::string post_logout_redirect_uri = string_arg(0, "postLogoutRedirectUri");
    if (bad) return *bad;
    return c.sign_out(post_logout_redirect_uri);
  }
  return wasm_error("internal_error", "No core operation named \"" + method + "\".");
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
        wasm_error("internal_error", "Operation " + json_text::number(op) + " is not running."));
  }
  oidc::HttpResponse response;
  response.status = status;
  response.body = body;
  // `error` is fetch's message when nothing came back, else the response's status text.
  (status == 0 ? response.network_error : response.status_text) = error;
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
