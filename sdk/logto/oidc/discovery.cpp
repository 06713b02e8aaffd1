#include "logto/oidc/discovery.hpp"

#include "logto/encoding/url.hpp"
#include "logto/errors.hpp"

#include <cctype>

namespace logto::oidc {

std::string discovery_url(const std::string& endpoint) {
  auto u = url::parse(endpoint);
  if (!u || (u->scheme != "http" && u->scheme != "https")) {
    throw client_error("invalid_config",
                       "`endpoint` must be an absolute http(s) URL such as "
                       "https://your-tenant.logto.app, got \"" +
                           endpoint + "\".");
  }
  return *url::append_path(endpoint, kDiscoveryPath);
}

std::string snake_to_camel(const std::string& key) {
  std::string out;
  bool upper = false;
  for (char c : key) {
    if (c == '_') {
      upper = !out.empty();
      continue;
    }
    out += upper ? char(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

nlohmann::json OidcConfig::to_camel_case() const {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [k, v] : document.items()) out[snake_to_camel(k)] = v;
  return out;
}

OidcConfig parse_discovery(const nlohmann::json& doc) {
  if (!doc.is_object()) {
    throw logto_error("oidc_config.invalid", "The discovery document is not a JSON object.");
  }
  auto field = [&](const char* name) {
    auto it = doc.find(name);
    if (it == doc.end() || !it->is_string() || it->get<std::string>().empty()) {
      throw logto_error("oidc_config.invalid",
                        std::string("The discovery document has no \"") + name + "\" string.");
    }
    return it->get<std::string>();
  };
  OidcConfig c;
  c.issuer = field("issuer");
  c.authorization_endpoint = field("authorization_endpoint");
  c.token_endpoint = field("token_endpoint");
  c.userinfo_endpoint = field("userinfo_endpoint");
  c.end_session_endpoint = field("end_session_endpoint");
  c.revocation_endpoint = field("revocation_endpoint");
  c.jwks_uri = field("jwks_uri");
  c.document = doc;
  return c;
}

}  // namespace logto::oidc
