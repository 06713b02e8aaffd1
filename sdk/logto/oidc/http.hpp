// The HTTP exchange as plain data. The core never performs I/O: it describes a request, the
// host performs it and hands back the response.
#pragma once

#include "logto/result.hpp"

#include "logto/encoding/json.hpp"
#include "logto/list.hpp"

#include <string>
#include <string_view>
#include <utility>

namespace logto::oidc {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  List<std::pair<std::string, std::string>> headers;
  std::string body;  // empty for GET
  // A plain GET (no headers, no body) the core expects to ask for once this request is answered
  // (after a token request: the JWKS, to check the answer's ID token). The host may start it
  // now, alongside this one, and hand its response to that later fetch step instead of sending
  // it again: the core's rules see the same bytes, the page saves a round trip. If the core
  // never asks (the answer was an error), the GET was for nothing. Empty: none.
  std::string prefetch;

  std::string to_text() const;  // {method, url, headers: {name: value}, body?, prefetch?}
};

struct HttpResponse {
  HttpResponse() = default;
  HttpResponse(int status_code, std::string response_body, std::string error = "",
               std::string reason = "")
      : status(status_code),
        body(std::move(response_body)),
        network_error(std::move(error)),
        status_text(std::move(reason)) {}

  int status = 0;  // 0: the request never got an answer (network error, CORS, offline)
  std::string body;
  std::string network_error;  // the host's message when status is 0
  std::string status_text;    // the HTTP reason phrase, when the host has one

  bool ok() const { return status >= 200 && status < 300; }
};

// What @logto/client's requester does with a response, so failures are typed as
// @logto/browser types them: a 2xx JSON body is returned; a failed status with a body that is
// not JSON becomes LogtoRequestError `http_error_<status>` (`rate_limited` for 429) whose message
// is the body or the status text; with a JSON `{code, message}` body (Logto's), LogtoRequestError
// with that code; with any other JSON (an OAuth `{error, error_description}`),
// `unexpected_response_error` whose data is the body. Status 0 is a network error. A 2xx body
// that is not JSON is `unexpected_response_error` (@logto lets JSON.parse's SyntaxError out)
// and is never quoted: a token response may hold tokens. `url` only goes into messages.
Result<Json> read_json(const HttpResponse& response, const std::string& url);

// True when `e` is the OAuth error `error` (e.g. "invalid_grant") in either shape read_json
// gives it: Logto's `oidc.<error>` code, or an RFC 6749 body in `data`.
bool is_oauth_error(const Error& e, const std::string& error);

// A POST of `body`, an application/x-www-form-urlencoded text (url::add_param).
HttpRequest form_post(std::string_view url, std::string&& body);

}  // namespace logto::oidc
