#include "logto/client/config.hpp"

#include "logto/errors.hpp"
#include "logto/oidc/discovery.hpp"
#include "logto/oidc/sign_in_uri.hpp"

#include <algorithm>

namespace logto {
namespace {

Error bad(const std::string& detail) {
  return client_error("invalid_config", detail);
}

std::vector<std::string> string_list(const nlohmann::json& config, const char* field) {
  auto it = config.find(field);
  if (it == config.end() || it->is_null()) return {};
  if (!it->is_array()) throw bad(std::string("`") + field + "` must be an array of strings.");
  std::vector<std::string> out;
  for (const auto& v : *it) {
    if (!v.is_string()) throw bad(std::string("`") + field + "` must be an array of strings.");
    out.push_back(v.get<std::string>());
  }
  return out;
}

std::string required_string(const nlohmann::json& config, const char* field, const char* hint) {
  auto it = config.find(field);
  if (it == config.end() || !it->is_string() || it->get<std::string>().empty()) {
    throw bad(std::string("`") + field + "` is required: " + hint);
  }
  return it->get<std::string>();
}

}  // namespace

std::vector<std::string> string_or_list(const nlohmann::json& value, const char* field) {
  if (value.is_null()) return {};
  if (value.is_string()) return {value.get<std::string>()};
  if (value.is_array()) {
    std::vector<std::string> out;
    for (const auto& v : value) {
      if (!v.is_string()) throw bad(std::string("`") + field + "` must be a string or strings.");
      out.push_back(v.get<std::string>());
    }
    return out;
  }
  throw bad(std::string("`") + field + "` must be a string or an array of strings.");
}

LogtoConfig parse_config(const nlohmann::json& config) {
  if (!config.is_object()) throw bad("Pass an object: new LogtoClient({ endpoint, appId }).");
  LogtoConfig c;
  c.endpoint = required_string(config, "endpoint", "the URL of your Logto tenant or provider.");
  oidc::discovery_url(c.endpoint);  // validates the URL now rather than at the first call
  c.app_id = required_string(config, "appId", "the application ID shown in the console.");
  if (auto it = config.find("includeReservedScopes"); it != config.end() && !it->is_null()) {
    if (!it->is_boolean()) throw bad("`includeReservedScopes` must be a boolean.");
    c.include_reserved_scopes = it->get<bool>();
  }
  std::vector<std::string> scopes = string_list(config, "scopes");
  c.scopes = c.include_reserved_scopes ? oidc::with_reserved_scopes(scopes) : scopes;
  c.resources = string_list(config, "resources");
  if (std::find(scopes.begin(), scopes.end(), kOrganizationsScope) != scopes.end() &&
      std::find(c.resources.begin(), c.resources.end(), kOrganizationsResource) ==
          c.resources.end()) {
    c.resources.push_back(kOrganizationsResource);
  }
  auto prompt = config.find("prompt");
  c.prompt =
      prompt == config.end() ? std::vector<std::string>{} : string_or_list(*prompt, "prompt");
  if (c.prompt.empty()) c.prompt = {"consent"};
  if (auto it = config.find("clockTolerance"); it != config.end() && !it->is_null()) {
    if (!it->is_number() || it->get<double>() < 0) {
      throw bad("`clockTolerance` must be a non-negative number of seconds.");
    }
    c.clock_tolerance_seconds = it->get<double>();
  }
  return c;
}

}  // namespace logto
