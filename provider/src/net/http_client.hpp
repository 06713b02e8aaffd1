// An HTTP/1.1 client for outgoing calls (SMS providers): plain HTTP, or HTTPS through mbedTLS
// with the peer's certificate verified against the system CA bundle (or the file named by
// SSL_CERT_FILE) and its host name checked. One request per connection; every read has a
// timeout.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace provider::net {

struct OutgoingRequest {
  std::string method = "GET";
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int timeout_ms = 10000;
};

struct IncomingResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

// The request never got an answer: DNS, connect, TLS (an untrusted certificate says so),
// timeout, or a malformed response.
class NetworkError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

IncomingResponse send(const OutgoingRequest& request);

}  // namespace provider::net
