#include "logto/oidc/callback.hpp"

#include "logto/encoding/url.hpp"
#include "logto/errors.hpp"

namespace logto::oidc {

Result<std::string> verify_and_parse_code(const std::string& callback_uri,
                                          const CallbackExpectations& expect) {
  auto callback = url::parse(callback_uri);
  auto expected = url::parse(expect.redirect_uri);
  if (!callback || !expected || callback->origin_and_path() != expected->origin_and_path()) {
    // Only the origin and path of what arrived: its query holds the authorization code.
    return logto_error(
        "callback_uri_verification.redirect_uri_mismatched",
        cat("Expected a URL at ", expected ? expected->origin_and_path() : expect.redirect_uri,
            ", got ", callback ? callback->origin_and_path() : "no URL",
            ". Call handleSignInCallback on the page of the redirect URI given to "
            "signIn()."));
  }
  url::Params params = url::parse_query(callback->query);
  // RFC 9207 §2.4: checked before anything else in the response, errors included, since a
  // response from another issuer is not this provider's to report.
  if (!expect.issuer.empty()) {
    auto iss = url::get(params, "iss");
    bool mismatched = iss && *iss != expect.issuer;
    if (mismatched || (!iss && expect.issuer_required)) {
      const char* reason = mismatched ? "issuer_mismatched" : "missing_issuer";
      return wasm_error(
          mismatched ? "callback_uri_verification.issuer_mismatched"
                     : "callback_uri_verification.missing_issuer",
          cat(mismatched ? cat("The sign-in response names issuer \"", *iss, "\", not \"",
                               expect.issuer, "\"")
                         : std::string("The provider advertises "
                                       "authorization_response_iss_parameter_supported "
                                       "but the sign-in response has no \"iss\""),
              ": its code is not exchanged (mix-up defence, RFC 9207). Start the "
              "sign-in again."),
          failure_data(reason, "iss", expect.issuer, iss ? Json(*iss) : Json()));
    }
  }
  if (auto error = url::get(params, "error"); error && !error->empty()) {
    auto description = url::get(params, "error_description");
    Json data = Json::object();
    data["name"] = "OidcError";
    data["error"] = *error;
    if (description) data["errorDescription"] = *description;
    return logto_error("callback_uri_verification.error_found",
                       cat("The provider returned error \"", *error, "\"",
                           description ? cat(": ", *description) : std::string(), "."),
                       std::move(data));
  }
  auto returned_state = url::get(params, "state");
  if (!returned_state || returned_state->empty()) {
    return logto_error("callback_uri_verification.missing_state",
                       "Expected the state saved at sign-in; the callback URL has none.");
  }
  if (*returned_state != expect.state) {
    return logto_error("callback_uri_verification.state_mismatched",
                       "The callback's state is not the one saved at sign-in: it belongs to "
                       "another sign-in attempt.");
  }
  auto code = url::get(params, "code");
  if (!code || code->empty()) {
    return logto_error("callback_uri_verification.missing_code",
                       "The callback URL has state but no code.");
  }
  return std::move(*code);
}

}  // namespace logto::oidc
