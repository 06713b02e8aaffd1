#include "logto/client/operation.hpp"

namespace logto {

nlohmann::json Step::to_json() const {
  switch (kind) {
    case Kind::Fetch:
      return {{"type", "fetch"}, {"request", request.to_json()}};
    case Kind::Navigate:
      return {{"type", "navigate"}, {"url", target}};
    case Kind::Lock:
      return {{"type", "lock"}, {"name", target}};
    case Kind::Done:
      return {{"type", "done"}, {"value", value}};
    case Kind::Failed:
      return {{"type", "failed"}, {"error", error->to_json()}};
  }
  return nullptr;
}

Step fetch(oidc::HttpRequest request, Continuation next) {
  Step s;
  s.kind = Step::Kind::Fetch;
  s.request = std::move(request);
  s.next = std::move(next);
  return s;
}

Step navigate(std::string url, Callback<Step()> next) {
  Step s;
  s.kind = Step::Kind::Navigate;
  s.target = std::move(url);
  s.next = [next = std::move(next)](const oidc::HttpResponse&) { return next(); };
  return s;
}

Step lock(std::string name, Callback<Step()> next) {
  Step s;
  s.kind = Step::Kind::Lock;
  s.target = std::move(name);
  s.next = [next = std::move(next)](const oidc::HttpResponse&) { return next(); };
  return s;
}

Step done(nlohmann::json value) {
  Step s;
  s.kind = Step::Kind::Done;
  s.value = std::move(value);
  return s;
}

Operation::Operation(const Callback<Step()>& start) {
  run(start);
}

void Operation::resume(const oidc::HttpResponse& response) {
  if (finished()) {
    step_ = Step();
    step_.kind = Step::Kind::Failed;
    step_.error = Error(ErrorClass::LogtoError, "internal_error",
                        "Internal SDK error: resume() on a finished operation.");
    return;
  }
  Continuation next = std::move(step_.next);
  run([&] { return next(response); });
}

void Operation::run(const Callback<Step()>& body) {
  try {
    step_ = body();
  } catch (const Error& e) {
    step_ = Step();
    step_.kind = Step::Kind::Failed;
    step_.error = e;
  } catch (const std::exception& e) {
    step_ = Step();
    step_.kind = Step::Kind::Failed;
    step_.error = Error(ErrorClass::LogtoError, "internal_error",
                        std::string("Internal SDK error (please report it): ") + e.what());
  }
}

}  // namespace logto
