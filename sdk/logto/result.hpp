// A value or the logto::Error that prevented it. The core reports every failure this way
// instead of throwing: the browser module is built without C++ exceptions, whose unwinding
// tables and cleanup blocks were a sixth of the download (docs/wasm-size.md).
#pragma once

#include "logto/errors.hpp"

#include <optional>
#include <stdexcept>
#include <utility>

namespace logto {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T&& value) : value_(std::move(value)) {}      // NOLINT: implicit, like std::expected
  Result(const T& value) : value_(value) {}            // NOLINT
  Result(Error&& error) : error_(std::move(error)) {}  // NOLINT
  Result(const Error& error) : error_(error) {}        // NOLINT: no temporary to destroy

  bool ok() const { return error_.empty(); }
  explicit operator bool() const { return ok(); }

  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

  const Error& error() const { return error_; }

 private:
  std::optional<T> value_;
  Error error_;  // empty on success
};

// Success, or the error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error&& error) : error_(std::move(error)) {}  // NOLINT
  Status(const Error& error) : error_(error) {}        // NOLINT

  bool ok() const { return error_.empty(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return error_; }

 private:
  Error error_;  // empty on success
};

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
// What or_throw() throws: the Error, caught as logto::Error or as std::exception.
class ThrownError : public std::runtime_error, public Error {
 public:
  explicit ThrownError(const Error& error) : std::runtime_error(error.message()), Error(error) {}
  using Error::what;
};

// For native callers that work with exceptions (the provider, tests): the value, or the
// error thrown.
template <class T>
T or_throw(Result<T> result) {
  if (!result) throw ThrownError(result.error());
  return std::move(*result);
}
inline void or_throw(const Status& status) {
  if (!status) throw ThrownError(status.error());
}
#endif

}  // namespace logto
