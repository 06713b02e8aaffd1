#include "logto/client/operation.hpp"

namespace logto {

// Written as text directly rather than built as a Json tree and dumped: steps cross to
// JavaScript on every effect, and the text is a few concatenations.
std::string Step::to_text(int op) const {
  std::string out = "{\"op\":" + json_text::number(op) + ",\"type\":";
  switch (kind) {
    case Kind::Fetch:
      out += "\"fetch\",\"request\":" + request.to_text();
      break;
    case Kind::Navigate:
      out += "\"navigate\",\"url\":" + json_text::quote(target);
      break;
    case Kind::Lock:
      out += "\"lock\",\"name\":" + json_text::quote(target);
      break;
    case Kind::Verify:
      out += "\"verify\",\"idToken\":" + json_text::quote(target);
      break;
    case Kind::Signature:
      out += "\"signature\",\"check\":" + value.dump();
      break;
    case Kind::Digest:
      out += "\"digest\",\"data\":" + json_text::quote(target);
      break;
    case Kind::Done:
      out += "\"done\",\"value\":" + value.dump();
      if (!memo.is_null()) out += ",\"memo\":" + memo.dump();
      break;
    case Kind::Failed:
      out += "\"failed\",\"error\":" + error->to_text();
      break;
  }
  return out + "}";
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
  s.next = [next = std::move(next)](const oidc::HttpResponse&) { return next ? next() : done(); };
  return s;
}

Step lock(std::string name, Callback<Step()> next) {
  Step s;
  s.kind = Step::Kind::Lock;
  s.target = std::move(name);
  s.next = [next = std::move(next)](const oidc::HttpResponse&) { return next(); };
  return s;
}

Step verify(std::string id_token, Callback<Step()> next) {
  Step s = lock(std::move(id_token), std::move(next));
  s.kind = Step::Kind::Verify;
  return s;
}

Step signature(Json check, Continuation next) {
  Step s;
  s.kind = Step::Kind::Signature;
  s.value = std::move(check);
  s.next = std::move(next);
  return s;
}

Step digest(std::string data, Continuation next) {
  Step s;
  s.kind = Step::Kind::Digest;
  s.target = std::move(data);
  s.next = std::move(next);
  return s;
}

Step done(Json value) {
  Step s;
  s.kind = Step::Kind::Done;
  s.value = std::move(value);
  return s;
}

Step failed(Error error) {
  Step s;
  s.kind = Step::Kind::Failed;
  s.error = std::move(error);
  return s;
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
