// The HTTP exchange as plain data. The core never performs I/O: it describes a request, the
// host performs it and hands back the response.
#pragma once

#include "logto/result.hpp"

#include "logto/encoding/json.hpp"

#include <string>
#include <utility>
#include <vector>

namespace logto::oidc {

struct HttpRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // empty for GET

  std::string to_text() const;  // {method, url, headers: {name: value}, body?} as JSON text
};

struct HttpResponse {
  int status = 0;  // 0: the request never got an answer (network error, CORS, offline)
  std::string body;
  std::string network_error;  // the host's message when status is 0

  bool ok() const { return status >= 200 && status < 300; }
};

// What @logto's requester does with a response, plus the OAuth error shape: a 2xx JSON body is
// returned; `{code, message}` (Logto) and `{error, error_description}` (RFC 6749 §5.2) become
// LogtoRequestError with the HTTP status; anything else is `unexpected_response_error`; status 0
// is a network error. `url` only goes into messages.
Result<Json> read_json(const HttpResponse& response, const std::string& url);

HttpRequest form_post(const std::string& url,
                      const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace logto::oidc
