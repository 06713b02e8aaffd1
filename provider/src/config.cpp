#include "config.hpp"

#include "db/database.hpp"
#include "http/client_address.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace provider {
namespace {

int parse_port(const std::string& text, const std::string& where) {
  try {
    size_t used = 0;
    int port = std::stoi(text, &used);
    if (used == text.size() && port >= 0 && port < 65536) return port;  // 0: any free port
  } catch (const std::exception&) {
  }
  throw std::invalid_argument(where + ": \"" + text + "\" is not a port number (0-65535)");
}

void apply_file(Config& c, const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument("cannot read config file " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto j = nlohmann::json::parse(text.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    throw std::invalid_argument("config file " + path + " is not a JSON object");
  }
  auto str = [&](const char* key, std::string& out) {
    if (!j.contains(key)) return;
    if (!j[key].is_string()) throw std::invalid_argument(path + ": " + key + " must be a string");
    out = j[key].get<std::string>();
  };
  str("host", c.host);
  str("publicUrl", c.public_url);
  str("dataDir", c.data_dir);
  str("databaseUrl", c.database_url);
  str("phoneDefaultRegion", c.phone_region);
  if (j.contains("connectors")) c.connectors = j["connectors"];
  if (j.contains("signInExperience")) c.sign_in_experience = j["signInExperience"];
  if (j.contains("adminToken")) {
    str("adminToken", c.admin_token);
    c.admin_token_source = "config file " + path;
  }
  if (j.contains("port")) {
    if (!j["port"].is_number_integer())
      throw std::invalid_argument(path + ": port must be a number");
    c.port = parse_port(std::to_string(j["port"].get<int>()), path);
  }
  auto seconds = [&](const char* key, int max, int& out) {
    if (!j.contains(key)) return;
    const auto& v = j[key];
    if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > max) {
      throw std::invalid_argument(path + ": " + key + " must be 1 to " + std::to_string(max) +
                                  " seconds");
    }
    out = v.get<int>();
  };
  seconds("authorizationCodeTtl", 600, c.authorization_code_ttl);
  seconds("smsResendInterval", 600, c.sms_resend_interval);
  seconds("verificationCodeTtl", 3600, c.verification_code_ttl);
  seconds("smsLimitWindow", 86400, c.sms_limit_window);
  seconds("interactionTtl", 86400, c.interaction_ttl);
  seconds("sessionTtl", 31536000, c.session_ttl);
  seconds("accessTokenTtl", 86400, c.access_token_ttl);
  seconds("refreshTokenTtl", 31536000, c.refresh_token_ttl);
  seconds("sweepInterval", 3600, c.sweep_interval);
  // A grant is swept once its last refresh token expires, so an access token minted with a
  // refresh token must not outlive it.
  if (c.refresh_token_ttl < c.access_token_ttl) {
    throw std::invalid_argument(path + ": refreshTokenTtl (" + std::to_string(c.refresh_token_ttl) +
                                ") must be at least accessTokenTtl (" +
                                std::to_string(c.access_token_ttl) + ")");
  }
  if (j.contains("lockout")) {
    const auto& l = j["lockout"];
    if (!l.is_object()) throw std::invalid_argument(path + ": lockout must be an object");
    for (const auto& [key, value] : l.items()) {
      int* field = key == "failuresPerAccount" ? &c.lockout.failures_per_account
                   : key == "failuresPerIp"    ? &c.lockout.failures_per_ip
                   : key == "windowSeconds"    ? &c.lockout.window
                   : key == "lockoutSeconds"   ? &c.lockout.duration
                                               : nullptr;
      if (!field) {
        throw std::invalid_argument(path + ": lockout." + key +
                                    " is not a setting (failuresPerAccount, failuresPerIp, "
                                    "windowSeconds, lockoutSeconds)");
      }
      bool seconds_field = key == "windowSeconds" || key == "lockoutSeconds";
      int64_t low = seconds_field ? 1 : 0;
      int64_t high = seconds_field ? 86400 : 1000000;
      if (!value.is_number_integer() || value.get<int64_t>() < low || value.get<int64_t>() > high) {
        throw std::invalid_argument(path + ": lockout." + key + " must be a whole number from " +
                                    std::to_string(low) + " to " + std::to_string(high));
      }
      *field = value.get<int>();
    }
  }
  if (j.contains("trustProxy")) {
    if (!j["trustProxy"].is_boolean()) {
      throw std::invalid_argument(path + ": trustProxy must be true or false");
    }
    c.proxy_trust.any_last_hop = j["trustProxy"].get<bool>();
  }
  if (j.contains("trustedProxies")) {
    const auto& list = j["trustedProxies"];
    if (!list.is_array()) {
      throw std::invalid_argument(path +
                                  ": trustedProxies must be a list of addresses or CIDR blocks, "
                                  "e.g. [\"10.0.0.0/8\", \"::1\"]");
    }
    for (const auto& item : list) {
      auto block =
          item.is_string() ? http::AddressBlock::parse(item.get<std::string>()) : std::nullopt;
      if (!block) {
        throw std::invalid_argument(path + ": trustedProxies: " + item.dump() +
                                    " is not an IP address or CIDR block");
      }
      c.proxy_trust.proxies.push_back(*block);
    }
  }
  if (j.contains("forwardedHeader")) {
    const auto& header = j["forwardedHeader"];
    if (header != "x-forwarded-for" && header != "forwarded") {
      throw std::invalid_argument(path +
                                  ": forwardedHeader must be \"x-forwarded-for\" or \"forwarded\" "
                                  "(the header your proxy sets)");
    }
    c.proxy_trust.forwarded = header == "forwarded";
  }
  if (j.contains("rateLimits")) {
    const auto& limits = j["rateLimits"];
    if (!limits.is_object()) throw std::invalid_argument(path + ": rateLimits must be an object");
    struct Field {
      const char* key;
      int* value;
    };
    auto& r = c.rate_limits;
    const Field fields[] = {{"authorizePerIp", &r.authorize_per_ip},
                            {"liveInteractionsPerIp", &r.live_interactions_per_ip},
                            {"signInPagePerIp", &r.sign_in_page_per_ip},
                            {"experiencePerIp", &r.experience_per_ip},
                            {"tokenPerIp", &r.token_per_ip},
                            {"tokenPerClient", &r.token_per_client}};
    for (const auto& [key, value] : limits.items()) {
      const Field* field = nullptr;
      for (const auto& f : fields) {
        if (key == f.key) field = &f;
      }
      if (!field) {
        throw std::invalid_argument(
            path + ": rateLimits." + key +
            " is not a setting (authorizePerIp, liveInteractionsPerIp, "
            "signInPagePerIp, experiencePerIp, tokenPerIp, tokenPerClient)");
      }
      if (!value.is_number_integer() || value.get<int64_t>() < 0 ||
          value.get<int64_t>() > 1000000000) {
        throw std::invalid_argument(path + ": rateLimits." + key +
                                    " must be a whole number from 0 (off) to 1000000000");
      }
      *field->value = value.get<int>();
    }
  }
  if (j.contains("dev")) {
    if (!j["dev"].is_boolean()) throw std::invalid_argument(path + ": dev must be true or false");
    c.dev = j["dev"].get<bool>();
  }
}

}  // namespace

Config load_config(std::vector<std::string>& args) {
  Config c;
  std::vector<std::string> rest;
  std::string file;
  if (const char* env = std::getenv("LOGTO_PROVIDER_CONFIG")) file = env;
  // Global flags come before the command; everything from the command on is the command's
  // (so `connector set twilio --config {...}` keeps its own --config).
  size_t command = 0;
  auto takes_value = [](const std::string& a) {
    return a == "--config" || a == "--data-dir" || a == "--port" || a == "--host" ||
           a == "--public-url";
  };
  while (command < args.size() && (takes_value(args[command]) || args[command] == "--dev")) {
    command += takes_value(args[command]) ? 2 : 1;
  }
  if (command > args.size()) throw std::invalid_argument(args.back() + " needs a value");
  // First the config file, so the other flags can override it.
  for (size_t i = 0; i < command; i += takes_value(args[i]) ? 2 : 1) {
    if (args[i] == "--config") file = args[i + 1];
  }
  if (!file.empty()) apply_file(c, file);
  if (const char* env = std::getenv("LOGTO_DATA_DIR")) c.data_dir = env;
  if (const char* env = std::getenv("LOGTO_PUBLIC_URL")) c.public_url = env;
  if (const char* env = std::getenv("LOGTO_DATABASE_URL")) c.database_url = env;
  if (const char* env = std::getenv("LOGTO_ADMIN_TOKEN")) {
    c.admin_token = env;
    c.admin_token_source = "environment variable LOGTO_ADMIN_TOKEN";
  }
  for (size_t i = 0; i < command; ++i) {
    const std::string& a = args[i];
    if (a == "--dev") {
      c.dev = true;
      continue;
    }
    const std::string& v = args[++i];
    if (a == "--data-dir") {
      c.data_dir = v;
    } else if (a == "--port") {
      c.port = parse_port(v, "--port");
    } else if (a == "--host") {
      c.host = v;
    } else if (a == "--public-url") {
      c.public_url = v;
    }
  }
  rest.assign(args.begin() + static_cast<long>(command), args.end());
  if (!c.database_url.empty() && !db::is_postgres_url(c.database_url)) {
    throw std::invalid_argument(
        "databaseUrl (LOGTO_DATABASE_URL) must be a postgres:// or postgresql:// URL; leave it "
        "out to keep the data in SQLite in the data directory");
  }
  if (c.public_url.empty()) c.public_url = "http://localhost:" + std::to_string(c.port);
  while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
  args = rest;
  return c;
}

}  // namespace provider
