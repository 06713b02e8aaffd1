#include "logto/client/config.hpp"

#include "logto/errors.hpp"
#include "logto/oidc/discovery.hpp"
#include "logto/oidc/sign_in_uri.hpp"

#include <algorithm>
#include <utility>

namespace logto {
namespace {

Error bad(const std::string& detail) {
  return wasm_error("invalid_config", detail);
}

Result<std::string> required_string(const Json& config, const char* field, const char* hint) {
  auto it = config.find(field);
  if (!it || !it->is_string() || it->as_string().empty()) {
    return bad(cat("`", field, "` is required: ", hint));
  }
  return it->as_string();
}

}  // namespace

Result<List<std::string>> string_or_list(const Json& value, const char* field, bool one_allowed) {
  List<std::string> out;
  if (value.is_null()) return out;
  if (one_allowed && value.is_string()) {
    out.push_back(value.as_string());
    return out;
  }
  bool strings = value.is_array();
  for (const auto& v : value.elements()) {
    if (!v.is_string()) strings = false;
    if (!strings) break;
    out.push_back(v.as_string());
  }
  if (!strings) {
    return bad(cat("`", field,
                   one_allowed ? "` must be a string or an array of strings."
                               : "` must be an array of strings."));
  }
  return out;
}

Result<LogtoConfig> parse_config(const Json& config) {
  if (!config.is_object()) return bad("Pass an object: new LogtoClient({ endpoint, appId }).");
  LogtoConfig c;
  auto endpoint = required_string(config, "endpoint", "the URL of your Logto tenant or provider.");
  if (!endpoint) return endpoint.error();
  c.endpoint = std::move(*endpoint);
  // Validates the URL now rather than at the first call.
  if (auto url = oidc::discovery_url(c.endpoint); !url) return url.error();
  auto app_id = required_string(config, "appId", "the application ID shown in the console.");
  if (!app_id) return app_id.error();
  c.app_id = std::move(*app_id);
  if (auto it = config.find("includeReservedScopes"); it && !it->is_null()) {
    if (!it->is_boolean()) return bad("`includeReservedScopes` must be a boolean.");
    c.include_reserved_scopes = it->get<bool>();
  }
  auto scopes = string_or_list(config["scopes"], "scopes", false);
  if (!scopes) return scopes.error();
  c.scopes = c.include_reserved_scopes ? oidc::with_reserved_scopes(*scopes) : *scopes;
  auto resources = string_or_list(config["resources"], "resources", false);
  if (!resources) return resources.error();
  c.resources = std::move(*resources);
  if (std::find(scopes->begin(), scopes->end(), kOrganizationsScope) != scopes->end() &&
      std::find(c.resources.begin(), c.resources.end(), kOrganizationsResource) ==
          c.resources.end()) {
    c.resources.push_back(kOrganizationsResource);
  }
  if (auto it = config.find("prompt"); it) {
    auto prompt = string_or_list(*it, "prompt");
    if (!prompt) return prompt.error();
    c.prompt = std::move(*prompt);
  }
  if (c.prompt.empty()) c.prompt = {"consent"};
  if (auto it = config.find("clockTolerance"); it && !it->is_null()) {
    if (!it->is_number() || it->get<double>() < 0) {
      return bad("`clockTolerance` must be a non-negative number of seconds.");
    }
    c.clock_tolerance_seconds = it->get<double>();
  }
  return c;
}

}  // namespace logto
