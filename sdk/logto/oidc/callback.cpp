#include "logto/oidc/callback.hpp"

#include "logto/encoding/url.hpp"
#include "logto/errors.hpp"

namespace logto::oidc {

Result<std::string> verify_and_parse_code(const std::string& callback_uri,
                                          const std::string& redirect_uri,
                                          const std::string& state) {
  auto callback = url::parse(callback_uri);
  auto expected = url::parse(redirect_uri);
  if (!callback || !expected || callback->origin_and_path() != expected->origin_and_path()) {
    return logto_error("callback_uri_verification.redirect_uri_mismatched",
                       "Expected a URL at " +
                           (expected ? expected->origin_and_path() : redirect_uri) + ", got \"" +
                           callback_uri +
                           "\". Call handleSignInCallback on the page of the "
                           "redirect URI given to signIn().");
  }
  url::Params params = url::parse_query(callback->query);
  if (auto error = url::get(params, "error"); error && !error->empty()) {
    auto description = url::get(params, "error_description");
    Json data = {{"name", "OidcError"}, {"error", *error}};
    if (description) data["errorDescription"] = *description;
    return logto_error("callback_uri_verification.error_found",
                       "The provider returned error \"" + *error + "\"" +
                           (description ? ": " + *description : std::string()) + ".",
                       data);
  }
  auto returned_state = url::get(params, "state");
  if (!returned_state || returned_state->empty()) {
    return logto_error("callback_uri_verification.missing_state",
                       "Expected the state saved at sign-in; the callback URL has none.");
  }
  if (*returned_state != state) {
    return logto_error("callback_uri_verification.state_mismatched",
                       "Expected state \"" + state + "\", got \"" + *returned_state +
                           "\". The callback belongs to another sign-in attempt.");
  }
  auto code = url::get(params, "code");
  if (!code || code->empty()) {
    return logto_error("callback_uri_verification.missing_code",
                       "The callback URL has state but no code.");
  }
  return std::move(*code);
}

}  // namespace logto::oidc
