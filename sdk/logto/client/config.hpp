// The LogtoClient config, normalised as @logto/client's normalizeLogtoConfig does.
#pragma once

#include "logto/result.hpp"

#include "logto/encoding/json.hpp"
#include "logto/list.hpp"

#include <string>

namespace logto {

constexpr const char* kOrganizationsScope = "urn:logto:scope:organizations";
constexpr const char* kOrganizationsResource = "urn:logto:resource:organizations";

struct LogtoConfig {
  std::string endpoint;
  std::string app_id;
  List<std::string> scopes;  // reserved scopes already added unless opted out
  List<std::string> resources;
  List<std::string> prompt;  // default {"consent"}
  bool include_reserved_scopes = true;
  double clock_tolerance_seconds = 300;
};

// From the object given to `new LogtoClient(config)`. Fails with LogtoClientError
// `invalid_config` naming the field (missing endpoint/appId, wrong types).
Result<LogtoConfig> parse_config(const Json& config);

// Null (none) or an array of strings; with `one_allowed` a single string too, as @logto's
// prompt and identifiers accept "a b" or ["a", "b"]. Fails with `invalid_config` naming `field`.
Result<List<std::string>> string_or_list(const Json& value, const char* field,
                                         bool one_allowed = true);

}  // namespace logto
