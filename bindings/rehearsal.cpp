#include "rehearsal.hpp"

#include "browser_ports.hpp"
#include "core_client.hpp"
#include "logto/client/token_store.hpp"

#include <memory>

namespace logto::browser {
namespace {

// 2001-09-09T01:46:40Z, the canned ID token's "iat".
class FixedClock final : public Clock {
 public:
  double now_ms() override { return 1e12; }
};

// A callback draws no random bytes; should that change, the rehearsal stops rather than
// pretend to have some.
class NoRandom final : public Random {
 public:
  bool fill(uint8_t*, size_t) override { return false; }
};

// The canned answers, as literals (data costs less than code that builds it), as short as the
// core's rules let them be. The ID token is {"alg":"ES384","kid":"r"} .
// {"iss":"r","sub":"r","aud":"r","exp":1000003600,"iat":1000000000} . "rr" (the core leaves a
// signature's length to the verifier); the JWKS key's x and y are "rr" too.
constexpr const char* kDiscovery =
    R"({"issuer":"r","authorization_endpoint":"r","token_endpoint":"r","jwks_uri":"r"})";
constexpr const char* kTokens =
    R"({"access_token":"r","refresh_token":"r","expires_in":3600,"scope":"r","id_token":")"
    R"(eyJhbGciOiJFUzM4NCIsImtpZCI6InIifQ.eyJpc3MiOiJyIiwic3ViIjoiciIsImF1ZCI6InIiLCJleHAiOjEwMD)"
    R"(AwMDM2MDAsImlhdCI6MTAwMDAwMDAwMH0.cnI"})";
constexpr const char* kJwks =
    R"({"keys":[{"kty":"EC","crv":"P-384","kid":"r","x":"cnI","y":"cnI"}]})";

// The rehearsal's client, from its first stage to its last. The signature is answered as valid
// without a check: nothing here is trusted or kept.
struct Rehearsal {
  WebStorage storage{true};  // the glue's scratch maps, never the page's storage
  FixedClock clock;
  NoRandom random;
  CoreClient client{R"({"endpoint":"http://r","appId":"r"})", storage, clock, random};
};

}  // namespace

std::string rehearse_sign_in_callback() {
  static int stage = 0;
  static std::unique_ptr<Rehearsal> r;
  switch (stage++) {
    case 0:
      r = std::make_unique<Rehearsal>();
      TokenStore(r->storage, "r")
          .save_sign_in_session("http://r/", std::nullopt, std::string(43, 'r'), "r");
      r->client.start("handleSignInCallback", R"(["http://r/?code=r&state=r"])");
      return r->client.resume(1, 200, kDiscovery, "OK");
    case 1: {
      r->client.resume(1, 200, kTokens, "OK");
      r->client.resume(1, 200, kJwks, "OK");
      std::string last = r->client.resume(1, kSignatureValid, "", "");
      r.reset();
      return last;
    }
    default:
      return "";
  }
}

}  // namespace logto::browser
