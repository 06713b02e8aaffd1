#include "logto/oidc/discovery.hpp"

#include "logto/encoding/url.hpp"
#include "logto/errors.hpp"

#include <cctype>

namespace logto::oidc {

Result<std::string> discovery_url(const std::string& endpoint) {
  auto u = url::parse(endpoint);
  if (!u || (u->scheme != "http" && u->scheme != "https")) {
    return client_error("invalid_config",
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

Json OidcConfig::to_camel_case() const {
  Json out = Json::object();
  for (const auto& [k, v] : document.members()) out[snake_to_camel(k)] = v;
  return out;
}

Result<OidcConfig> parse_discovery(const Json& doc) {
  if (!doc.is_object()) {
    return logto_error("oidc_config.invalid", "The discovery document is not a JSON object.");
  }
  OidcConfig c;
  const std::pair<const char*, std::string*> fields[] = {
      {"issuer", &c.issuer},
      {"authorization_endpoint", &c.authorization_endpoint},
      {"token_endpoint", &c.token_endpoint},
      {"userinfo_endpoint", &c.userinfo_endpoint},
      {"end_session_endpoint", &c.end_session_endpoint},
      {"revocation_endpoint", &c.revocation_endpoint},
      {"jwks_uri", &c.jwks_uri},
  };
  for (const auto& [name, out] : fields) {
    auto it = doc.find(name);
    if (!it || !it->is_string() || it->as_string().empty()) {
      return logto_error("oidc_config.invalid",
                         std::string("The discovery document has no \"") + name + "\" string.");
    }
    *out = it->get<std::string>();
  }
  c.document = doc;
  return c;
}

}  // namespace logto::oidc
