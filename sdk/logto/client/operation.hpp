// An operation of the client as a sequence of effects. Each step is one of:
//   fetch {request}  - perform it, then resume with the response
//   navigate {url}   - window.location.assign(url), then resume
//   lock {name}      - acquire the named cross-tab lock (held until the operation ends), resume
//   verify {idToken} - the page's own JwtVerifier checks the ID token (setJwtVerifier); resume
//                      when it accepts, stop the operation with its error when it throws
//   signature {check: {alg, jwk, data, signature}} - a crypto primitive: verify the JWS
//                      signature (base64url) over `data` with the public `jwk` and resume with
//                      the status kSignatureValid, kSignatureInvalid, or kKeyUnusable and why
//                      as the message
//   digest {data}    - a crypto primitive: SHA-256 of `data` (UTF-8); resume with status
//                      kDigestDone and base64url of the 32 bytes as the body
//   done {value, memo?} - the method's result; with a memo (client.hpp), the host may give the
//                      same result again without asking the core while the memo holds
//   failed {error}   - a typed logto::Error
// The host loops until done or failed; the core never performs I/O and never waits.
#pragma once

#include "logto/client/callback.hpp"
#include "logto/client/token_store.hpp"
#include "logto/errors.hpp"
#include "logto/oidc/http.hpp"

#include "logto/encoding/json.hpp"

#include <optional>
#include <string>

namespace logto {

struct Step;
using Continuation = Callback<Step(const oidc::HttpResponse&)>;

struct Step {
  enum class Kind { Fetch, Navigate, Lock, Verify, Signature, Digest, Done, Failed };
  Kind kind = Kind::Done;
  oidc::HttpRequest request;  // Fetch
  std::string target;         // Navigate: URL; Lock: lock name; Verify: the ID token;
                              // Digest: the data
  Json value;                 // Done; Signature: the check
  // Done: null, or {validUntil?, reads?: [[localStorage key, text or null]],
  //                present?: [[localStorage key, whether it holds a non-empty text]]}
  Json memo;
  Status error;       // Failed: the error; ok otherwise
  Continuation next;  // Fetch, Navigate, Lock, Verify, Signature, Digest

  // {"op": op, "type": "fetch"|"navigate"|"lock"|...|"done"|"failed", ...} as JSON text.
  std::string to_text(int op) const;
};

Step fetch(oidc::HttpRequest&& request, Continuation next);
// Without `next`, the operation is done once the browser has been sent to `url`.
Step navigate(const std::string& url, Callback<Step()> next = {});
Step lock(const std::string& name, Callback<Step()> next);
Step verify(const std::string& id_token, Callback<Step()> next);
Step signature(Json&& check, Continuation next);
// The statuses a signature step resumes with.
constexpr int kSignatureInvalid = 0;
constexpr int kSignatureValid = 1;
constexpr int kKeyUnusable = 2;
Step digest(const std::string& data, Continuation next);
// The status a digest step resumes with when the host computed it.
constexpr int kDigestDone = 1;
Step done(Json&& value = nullptr);
Step failed(Error&& error);
Step failed(const Error& error);  // copies here, not at each call site

class Operation {
 public:
  // A refusal of `store`'s Storage port during a step ends the operation with that
  // storage_error (it is the cause of whatever else went wrong in the step).
  Operation(const Callback<Step()>& start, TokenStore& store);

  const Step& step() const { return step_; }
  bool finished() const {
    return step_.kind == Step::Kind::Done || step_.kind == Step::Kind::Failed;
  }
  // Continues after the current fetch/navigate/lock. The response matters only for fetch.
  void resume(const oidc::HttpResponse& response = {});

 private:
  void run(const Callback<Step()>& body);

  Step step_;
  TokenStore* store_;  // never null; a pointer so operations stay assignable
};

}  // namespace logto
