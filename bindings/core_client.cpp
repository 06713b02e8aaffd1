#include "core_client.hpp"

#include "logto/encoding/json.hpp"

#include <utility>

namespace logto::browser {
namespace {

std::string failure_json(const Error& error) {
  return failed(error).to_text(0);
}

// Optional string arguments: undefined/null mean "none", as in @logto/browser. A value of
// another type sets `refusal` (the first one wins) and reads as "". Only methods that take a
// second argument look at it, so extra arguments are ignored as in JavaScript. A missing
// argument reads as null (so does anything indexed out of range, or a non-array).
std::string text(const Json& args, size_t i, const char* name, Status& refusal) {
  const Json& value = args[i];
  if (value.is_string()) return value.as_string();
  if (!value.is_null() && refusal.ok()) {
    refusal = wasm_error("invalid_config", cat("Expected a string for ", name, ", got ",
                                               json_text::dump(value), "."));
  }
  return "";
}

// A method's arguments: the JSON values, and the first refusal of one (see text()).
struct Args {
  const Json& values;
  const char* first_name;  // how messages name the first argument, when it is a string
  Status refusal;          // ok while no argument was refused
  std::string operator()(size_t i, const char* name) { return text(values, i, name, refusal); }
};

// The JS methods, each mapped onto one of the core's operations. A table of small functions
// rather than one `if` chain: each is compiled (and, in the browser, lazily compiled on first
// call) on its own, so a page's first call does not pay for every other method.
using Method = Result<Operation> (*)(Client&, Args&);
struct MethodEntry {
  const char* name;
  Method run;
  const char* first_name = nullptr;
};

// The two shapes most methods have: no arguments, or one optional string.
template <Operation (Client::*operation)()>
Result<Operation> no_arguments(Client& c, Args&) {
  return (c.*operation)();
}

template <Operation (Client::*operation)(const std::string&)>
Result<Operation> one_string(Client& c, Args& a) {
  std::string value = a(0, a.first_name);
  if (!a.refusal.ok()) return a.refusal.error();
  return (c.*operation)(value);
}

const MethodEntry kMethods[] = {
    {"isAuthenticated", no_arguments<&Client::is_authenticated>},
    {"getAccessToken",
     [](Client& c, Args& a) -> Result<Operation> {
       std::string resource = a(0, "resource"), organization_id = a(1, "organizationId");
       if (!a.refusal.ok()) return a.refusal.error();
       return c.get_access_token(resource, organization_id);
     }},
    {"signIn",
     [](Client& c, Args& a) -> Result<Operation> {
       auto options = parse_sign_in_options(a.values[0], a.values[1], a.values[2]);
       if (!options) return options.error();
       return c.sign_in(*options);
     }},
    {"handleSignInCallback", one_string<&Client::handle_sign_in_callback>, "the callback URL"},
    {"isSignInRedirected", one_string<&Client::is_sign_in_redirected>, "the URL"},
    {"getIdToken", no_arguments<&Client::get_id_token>},
    {"getIdTokenClaims", no_arguments<&Client::get_id_token_claims>},
    {"getRefreshToken", no_arguments<&Client::get_refresh_token>},
    {"getAccessTokenClaims", one_string<&Client::get_access_token_claims>, "resource"},
    {"getOrganizationToken", one_string<&Client::get_organization_token>, "organizationId"},
    {"getOrganizationTokenClaims", one_string<&Client::get_organization_token_claims>,
     "organizationId"},
    {"fetchUserInfo", no_arguments<&Client::fetch_user_info>},
    {"clearAccessToken", no_arguments<&Client::clear_access_token>},
    {"clearAllTokens", no_arguments<&Client::clear_all_tokens>},
    {"getOidcConfig", no_arguments<&Client::get_oidc_config>},
    {"verifyIdToken", one_string<&Client::check_id_token_with_core>, "the ID token"},
    // setJwtVerifier: [true] hands ID tokens to the page's verifier, [false] to the core.
    {"useExternalJwtVerifier",
     [](Client& c, Args& a) -> Result<Operation> {
       return c.use_external_id_token_verifier(a.values[0].as_boolean());
     }},
    {"signOut", one_string<&Client::sign_out>, "postLogoutRedirectUri"},
};

Result<Operation> dispatch(Client& c, const std::string& method, const Json& values) {
  for (const auto& m : kMethods) {
    if (method == m.name) {
      Args args{values, m.first_name, Status()};
      return m.run(c, args);
    }
  }
  return wasm_error("internal_error", cat("No core operation named \"", method, "\"."));
}

}  // namespace

CoreClient::CoreClient(const std::string& config_json, Storage& storage, Clock& clock,
                       Random& random) {
  auto config = parse_config(json_text::parse(config_json));
  if (config) {
    client_ = std::make_unique<Client>(std::move(*config), storage, clock, random);
  } else {
    config_error_ = config.error();
  }
}

std::string CoreClient::start(const std::string& method, const std::string& args_json) {
  if (!config_error_.ok()) return failure_json(config_error_.error());
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
        wasm_error("internal_error", cat("Operation ", json_text::number(op), " is not running.")));
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
