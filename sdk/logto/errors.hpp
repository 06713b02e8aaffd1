// Typed errors of the SDK core. Each failure has one stable code (the codes of @logto/js and
// @logto/client, so page code that switches on `error.code` keeps working) and a message that
// starts with @logto's text and then says what was expected and what was found.
#pragma once

#include "logto/encoding/cat.hpp"
#include "logto/encoding/json.hpp"

#include <memory>
#include <string>

namespace logto {

// The JavaScript class each error becomes on the page.
enum class ErrorClass {
  LogtoError,         // protocol checks (@logto/js LogtoError)
  LogtoClientError,   // client state (@logto/client LogtoClientError)
  LogtoRequestError,  // the server answered with an error body
  NetworkError,       // fetch itself failed; surfaces as a TypeError like fetch's own
  // Ours (JS `LogtoWasmError`): failures @logto has no code for (a config or argument we
  // refuse, storage that refuses a write, an internal fault). A class of their own, so Logto's
  // code unions (and page code that switches over them exhaustively) stay exactly Logto's.
  WasmError,
};

// A value, not an exception type: the core returns errors (result.hpp). Not derived from
// std::exception either, whose type_info and dynamic_cast support would be linked into the
// browser module just for this base; native callers that throw use or_throw().
class Error {
 public:
  Error(ErrorClass cls, std::string code, std::string message, Json data = nullptr, int status = 0);
  // One pointer wide: a Result or an error moved from step to step copies four bytes, where the
  // members themselves made every move and destruction inline string and Json code at each
  // site (docs/wasm-size.md). A copy copies the members.
  Error(const Error& other);
  Error(Error&& other) noexcept = default;
  Error& operator=(const Error& other);
  Error& operator=(Error&& other) noexcept = default;
  ~Error();

  ErrorClass error_class() const { return d_->cls; }
  const std::string& code() const { return d_->code; }
  const std::string& message() const { return d_->message; }
  const char* what() const { return d_->message.c_str(); }
  const Json& data() const { return d_->data; }
  int status() const { return d_->status; }  // HTTP status for LogtoRequestError, else 0

  // The error as one JSON object, the shape the bindings hand to JavaScript: as text, and as
  // a value (for an error nested in another's data).
  std::string to_text() const;
  Json to_json() const;

 private:
  template <class T>
  friend class Result;
  friend class Status;
  Error() = default;  // no error: what a successful Result or Status holds
  bool empty() const { return !d_; }

  struct Members {
    ErrorClass cls;
    std::string code;
    std::string message;
    Json data;
    int status;
  };
  std::unique_ptr<Members> d_;
};

// @logto/js LogtoError with its base message for `code`, followed by `detail` when given. Codes
// are literals, taken as `const char*` so no call site builds a string for one. The overloads
// without `data`, and with a literal `detail`, keep a call site from building a null Json and a
// string it then destroys.
Error logto_error(const char* code, const std::string& detail, Json&& data);
Error logto_error(const char* code, const std::string& detail);
Error logto_error(const char* code, const char* detail = "");
// @logto/client LogtoClientError, likewise.
Error client_error(const char* code, const std::string& detail, Json&& data);
Error client_error(const char* code, const std::string& detail);
Error client_error(const char* code, const char* detail = "");
// Ours, LogtoWasmError: `invalid_config`, `storage_unavailable`, `crypto_unavailable`,
// `internal_error`, `callback_uri_verification.issuer_mismatched`, `.missing_issuer`.
Error wasm_error(const char* code, const std::string& detail, Json&& data);
Error wasm_error(const char* code, const std::string& detail);
Error wasm_error(const char* code, const char* detail);
Error request_error(const std::string& code, const std::string& message, int status, Json&& body);
Error network_error(const std::string& message);
// `action` is what was refused: "read", "write" or "remove".
Error storage_error(const std::string& key, const std::string& reason,
                    const std::string& action = "write");

// The structured `data` of a refusal: {reason, claim?, expected?, found?}, members left out when
// empty or null.
Json failure_data(const char* reason, const char* claim, const Json& expected, const Json& found);
Json failure_data(const char* reason);  // {reason} alone: no null Json built at the call site

// The base message @logto uses for a code; empty for codes it does not know. Natively from
// error_messages.cpp; the browser modules define it as empty and the page adds it
// (bindings/browser_messages.cpp).
std::string base_message(ErrorClass cls, const std::string& code);

const char* class_name(ErrorClass cls);

}  // namespace logto
