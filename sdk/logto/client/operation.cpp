#include "logto/client/operation.hpp"

#include "logto/encoding/cat.hpp"

namespace logto {

// Written as text directly rather than built as a Json tree and dumped: steps cross to
// JavaScript on every effect, and the text is a few concatenations.
std::string Step::to_text(int op) const {
  std::string out = cat("{\"op\":", json_text::number(op), ",\"type\":");
  switch (kind) {
    case Kind::Fetch:
      append_to(out, "\"fetch\",\"request\":", request.to_text());
      break;
    case Kind::Navigate:
      append_to(out, "\"navigate\",\"url\":", json_text::quoted(target));
      break;
    case Kind::Lock:
      append_to(out, "\"lock\",\"name\":", json_text::quoted(target));
      break;
    case Kind::Verify:
      append_to(out, "\"verify\",\"idToken\":", json_text::quoted(target));
      break;
    case Kind::Signature:
      append_to(out, "\"signature\",\"check\":", value.dump());
      break;
    case Kind::Digest:
      append_to(out, "\"digest\",\"data\":", json_text::quoted(target));
      break;
    case Kind::Done:
      append_to(out, "\"done\",\"value\":", value.dump());
      if (!memo.is_null()) append_to(out, ",\"memo\":", memo.dump());
      break;
    case Kind::Failed:
      append_to(out, "\"failed\",\"error\":", error.error().to_text());
      break;
  }
  out += '}';
  return out;
}

Step fetch(oidc::HttpRequest&& request, Continuation next) {
  Step s;
  s.kind = Step::Kind::Fetch;
  s.request = std::move(request);
  s.next = std::move(next);
  return s;
}

namespace {

// A step that names its target (a URL, a lock, a token, data to hash) for the host.
Step targeted(Step::Kind kind, const std::string& target, Continuation next) {
  Step s;
  s.kind = kind;
  s.target = target;
  s.next = std::move(next);
  return s;
}

}  // namespace

Step navigate(const std::string& url, Callback<Step()> next) {
  return targeted(Step::Kind::Navigate, url, [next = std::move(next)](const oidc::HttpResponse&) {
    return next ? next() : done();
  });
}

Step lock(const std::string& name, Callback<Step()> next) {
  return targeted(Step::Kind::Lock, name,
                  [next = std::move(next)](const oidc::HttpResponse&) { return next(); });
}

Step verify(const std::string& id_token, Callback<Step()> next) {
  Step s = lock(id_token, std::move(next));
  s.kind = Step::Kind::Verify;
  return s;
}

Step signature(Json&& check, Continuation next) {
  Step s;
  s.kind = Step::Kind::Signature;
  s.value = std::move(check);
  s.next = std::move(next);
  return s;
}

Step digest(const std::string& data, Continuation next) {
  return targeted(Step::Kind::Digest, data, std::move(next));
}

Step done(Json&& value) {
  Step s;
  s.kind = Step::Kind::Done;
  s.value = std::move(value);
  return s;
}

Step failed(Error&& error) {
  Step s;
  s.kind = Step::Kind::Failed;
  s.error = std::move(error);
  return s;
}

Step failed(const Error& error) {
  return failed(Error(error));
}

Operation::Operation(const Callback<Step()>& start, TokenStore& store) : store_(&store) {
  run(start);
}

void Operation::resume(const oidc::HttpResponse& response) {
  if (finished()) {
    step_ = failed(wasm_error("internal_error", "resume() on a finished operation."));
    return;
  }
  Continuation next = std::move(step_.next);
  run([&] { return next(response); });
}

void Operation::run(const Callback<Step()>& body) {
  step_ = body();
  if (auto storage = store_->take_failure(); !storage) step_ = failed(storage.error());
}

}  // namespace logto
