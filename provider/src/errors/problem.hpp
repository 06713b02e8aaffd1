// The provider's one error type. Every refusal, wherever it is decided (a store rule, a
// handler, the edge checks), is a Problem thrown with its HTTP status, a stable code, a message
// a person can act on, and structured detail; one place renders it for the surface the request
// came through (http/problem_response.hpp): RFC 6749 §5.2 JSON for the OIDC endpoints, a
// redirect back to the client for /oidc/auth once its redirect URI is trusted, {code, message,
// ...data} for the experience and management APIs, an HTML page for browsers, one line on
// stderr for the CLI.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>

namespace provider {

class Problem : public std::runtime_error {
 public:
  // `code`: the OAuth `error` on OIDC endpoints ("invalid_grant"), a Logto-style dotted code
  // elsewhere ("session.invalid_credentials"). `data`: fields added to API answers
  // ({field, remainingAttempts, ...}).
  Problem(int status, std::string code, const std::string& message,
          nlohmann::json data = nlohmann::json::object())
      : std::runtime_error(message),
        status_(status),
        code_(std::move(code)),
        data_(std::move(data)) {}

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const nlohmann::json& data() const { return data_; }
  int64_t retry_after() const { return retry_after_; }
  // Sets Retry-After (and retryAfter in API answers) for a limit or a lockout.
  Problem& retry_in(int64_t seconds) {
    retry_after_ = seconds < 1 ? 1 : seconds;
    data_["retryAfter"] = retry_after_;
    return *this;
  }

 private:
  int status_;
  std::string code_;
  nlohmann::json data_;
  int64_t retry_after_ = 0;
};

}  // namespace provider
