// OpenID Provider discovery (OpenID Connect Discovery 1.0 §4), at Logto's path.
#pragma once

#include "logto/result.hpp"

#include "logto/encoding/json.hpp"

#include <string>

namespace logto::oidc {

constexpr const char* kDiscoveryPath = "/oidc/.well-known/openid-configuration";

struct OidcConfig {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string userinfo_endpoint;
  std::string end_session_endpoint;
  std::string revocation_endpoint;
  std::string jwks_uri;
  // RFC 9207: the provider puts `iss` in every authorization response, so a response without
  // it is refused.
  bool iss_parameter_supported = false;
  Json document;  // everything the provider sent

  // What @logto's getOidcConfig() returns: the document with camelCase top-level keys.
  Json to_camel_case() const;
};

// endpoint + kDiscoveryPath, joined like @logto. Fails with `invalid_config` for a bad endpoint.
Result<std::string> discovery_url(const std::string& endpoint);

// Fails with LogtoError `unexpected_response_error` (data.reason `oidc_config.invalid`) naming
// the first missing or non-string field. userinfo_endpoint, end_session_endpoint and
// revocation_endpoint may be absent (left empty here); present, they must be strings.
Result<OidcConfig> parse_discovery(const Json& document);

std::string snake_to_camel(const std::string& key);

}  // namespace logto::oidc
