// logto::Result and Status (sdk/logto/result.hpp) over logto::Error, which is one pointer wide:
// a successful Result holds an empty Error, so copies and moves of both kinds must keep what
// they hold and never reach through the empty one.
#include "logto/result.hpp"

#include <doctest/doctest.h>

#include <string>
#include <utility>

using namespace logto;

namespace {

Error sample() {
  return Error(ErrorClass::LogtoRequestError, "oidc.invalid_grant", "Grant expired.",
               failure_data("expired", "code", nullptr, nullptr), 400);
}

void check_sample(const Error& e) {
  CHECK(e.error_class() == ErrorClass::LogtoRequestError);
  CHECK(e.code() == "oidc.invalid_grant");
  CHECK(e.message() == "Grant expired.");
  CHECK(std::string(e.what()) == "Grant expired.");
  CHECK(e.data().dump() == R"({"reason":"expired","claim":"code"})");
  CHECK(e.status() == 400);
}

}  // namespace

TEST_CASE("a successful Result copies and moves as successful") {
  Result<std::string> ok(std::string("value"));
  Result<std::string> copy = ok;
  REQUIRE(copy.ok());
  CHECK(*copy == "value");
  Result<std::string> moved = std::move(copy);
  REQUIRE(moved.ok());
  CHECK(*moved == "value");
  Result<std::string> assigned(sample());
  assigned = ok;
  REQUIRE(assigned.ok());
  CHECK(*assigned == "value");
  Status fine;
  Status fine_copy = fine;
  CHECK(fine_copy.ok());
}

TEST_CASE("a failed Result keeps its whole error through copies, moves and assignment") {
  Result<std::string> failed(sample());
  REQUIRE_FALSE(failed.ok());
  Result<std::string> copy = failed;
  REQUIRE_FALSE(copy.ok());
  check_sample(copy.error());
  check_sample(failed.error());  // the copy is deep: the original still holds its own
  Result<std::string> moved = std::move(copy);
  REQUIRE_FALSE(moved.ok());
  check_sample(moved.error());
  Result<std::string> assigned(std::string("value"));
  assigned = failed;
  REQUIRE_FALSE(assigned.ok());
  check_sample(assigned.error());

  Status status(sample());
  Status status_copy = status;
  REQUIRE_FALSE(status_copy.ok());
  check_sample(status_copy.error());
  Error error = status.error();
  error = sample();
  check_sample(error);
  CHECK(Error(error).to_text() ==
        R"({"class":"LogtoRequestError","code":"oidc.invalid_grant","message":"Grant expired.",)"
        R"("data":{"reason":"expired","claim":"code"},"status":400})");
}
