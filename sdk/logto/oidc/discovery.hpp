// OpenID Provider discovery (OpenID Connect Discovery 1.0 §4), at Logto's path.
#pragma once

#include <nlohmann/json.hpp>

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
  nlohmann::json document;  // everything the provider sent

  // What @logto's getOidcConfig() returns: the document with camelCase top-level keys.
  nlohmann::json to_camel_case() const;
};

// endpoint + kDiscoveryPath, joined like @logto. Throws `invalid_config` for a bad endpoint.
std::string discovery_url(const std::string& endpoint);

// Throws LogtoError `oidc_config.invalid` naming the first missing or non-string field.
OidcConfig parse_discovery(const nlohmann::json& document);

std::string snake_to_camel(const std::string& key);

}  // namespace logto::oidc
