#include "logto/oidc/discovery.hpp"

#include "logto/encoding/url.hpp"
#include "logto/errors.hpp"

#include <cctype>

namespace logto::oidc {

namespace {

// @logto trusts the document as typed and has no code for a broken one; it is an unexpected
// response, with a reason a program can read.
Error invalid_discovery(const std::string& detail) {
  return logto_error("unexpected_response_error", detail, failure_data("oidc_config.invalid"));
}

}  // namespace

Result<std::string> discovery_url(const std::string& endpoint) {
  auto u = url::parse(endpoint);
  if (!u || (u->scheme != "http" && u->scheme != "https")) {
    return wasm_error("invalid_config", cat("`endpoint` must be an absolute http(s) URL such as "
                                            "https://your-tenant.logto.app, got \"",
                                            endpoint, "\"."));
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
    return invalid_discovery("The discovery document is not a JSON object.");
  }
  OidcConfig c;
  // Without the first four no sign-in can be made or checked. The rest only serve one method
  // each, so a provider may leave them out, as @logto/browser allows: sign-out then skips
  // revocation, or ends only the local session; fetchUserInfo says what is missing.
  struct Field {
    const char* name;
    std::string* out;
    bool required;
  };
  const Field fields[] = {
      {"issuer", &c.issuer, true},
      {"authorization_endpoint", &c.authorization_endpoint, true},
      {"token_endpoint", &c.token_endpoint, true},
      {"jwks_uri", &c.jwks_uri, true},
      {"userinfo_endpoint", &c.userinfo_endpoint, false},
      {"end_session_endpoint", &c.end_session_endpoint, false},
      {"revocation_endpoint", &c.revocation_endpoint, false},
  };
  for (const auto& [name, out, required] : fields) {
    auto it = doc.find(name);
    if (!it && !required) continue;
    if (!it || !it->is_string() || it->as_string().empty()) {
      return invalid_discovery(cat("The discovery document has no \"", name, "\" string."));
    }
    *out = it->as_string();
  }
  c.iss_parameter_supported = doc["authorization_response_iss_parameter_supported"] == Json(true);
  c.document = doc;
  return c;
}

}  // namespace logto::oidc
