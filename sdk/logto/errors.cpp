#include "logto/errors.hpp"

namespace logto {
namespace {

std::string join_message(const std::string& base, const std::string& detail) {
  if (detail.empty()) return base;
  if (base.empty()) return detail;
  return cat(base, " ", detail);
}

}  // namespace

Error::Error(ErrorClass cls, std::string code, std::string message, Json data, int status)
    : d_(std::make_unique<Members>(
          Members{cls, std::move(code), std::move(message), std::move(data), status})) {}

// An empty Error (a successful Result's) copies as empty.
Error::Error(const Error& other) : d_(other.d_ ? std::make_unique<Members>(*other.d_) : nullptr) {}

Error& Error::operator=(const Error& other) {
  if (this != &other) *this = Error(other);
  return *this;
}

Error::~Error() = default;

const char* class_name(ErrorClass cls) {
  switch (cls) {
    case ErrorClass::LogtoError:
      return "LogtoError";
    case ErrorClass::LogtoClientError:
      return "LogtoClientError";
    case ErrorClass::LogtoRequestError:
      return "LogtoRequestError";
    case ErrorClass::NetworkError:
      return "TypeError";
    case ErrorClass::WasmError:
      return "LogtoWasmError";
  }
  return "Error";
}

std::string Error::to_text() const {
  std::string out =
      cat("{\"class\":", json_text::quoted(class_name(d_->cls)),
          ",\"code\":", json_text::quoted(d_->code), ",\"message\":", json_text::quoted(what()));
  if (!d_->data.is_null()) append_to(out, ",\"data\":", d_->data.dump());
  if (d_->status != 0) append_to(out, ",\"status\":", json_text::number(d_->status));
  out += '}';
  return out;
}

Json Error::to_json() const {
  return Json::parse(to_text());
}

Json failure_data(const char* reason) {
  return failure_data(reason, "", nullptr, nullptr);
}

Json failure_data(const char* reason, const char* claim, const Json& expected, const Json& found) {
  Json data = Json::object();
  data["reason"] = reason;
  if (*claim) data["claim"] = claim;
  if (!expected.is_null()) data["expected"] = expected;
  if (!found.is_null()) data["found"] = found;
  return data;
}

namespace {

Error with_base(ErrorClass cls, const char* code, const std::string& detail, Json data) {
  return Error(cls, code, join_message(base_message(cls, code), detail), std::move(data));
}

}  // namespace

Error logto_error(const char* code, const std::string& detail, Json&& data) {
  return with_base(ErrorClass::LogtoError, code, detail, std::move(data));
}
Error logto_error(const char* code, const std::string& detail) {
  return with_base(ErrorClass::LogtoError, code, detail, nullptr);
}
Error logto_error(const char* code, const char* detail) {
  return with_base(ErrorClass::LogtoError, code, detail, nullptr);
}

Error client_error(const char* code, const std::string& detail, Json&& data) {
  return with_base(ErrorClass::LogtoClientError, code, detail, std::move(data));
}
Error client_error(const char* code, const std::string& detail) {
  return with_base(ErrorClass::LogtoClientError, code, detail, nullptr);
}
Error client_error(const char* code, const char* detail) {
  return with_base(ErrorClass::LogtoClientError, code, detail, nullptr);
}

Error wasm_error(const char* code, const std::string& detail, Json&& data) {
  return with_base(ErrorClass::WasmError, code, detail, std::move(data));
}
Error wasm_error(const char* code, const std::string& detail) {
  return with_base(ErrorClass::WasmError, code, detail, nullptr);
}
Error wasm_error(const char* code, const char* detail) {
  return with_base(ErrorClass::WasmError, code, detail, nullptr);
}

Error request_error(const std::string& code, const std::string& message, int status, Json&& body) {
  return Error(ErrorClass::LogtoRequestError, code, message, std::move(body), status);
}

Error network_error(const std::string& message) {
  return Error(ErrorClass::NetworkError, "network_error", message);
}

Error storage_error(const std::string& key, const std::string& reason, const std::string& action) {
  return wasm_error("storage_unavailable",
                    cat("Could not ", action, " \"", key, "\" in browser storage: ", reason,
                        ". Storage may be full or disabled (private window); free space or "
                        "allow site data, then sign in again."));
}

}  // namespace logto
