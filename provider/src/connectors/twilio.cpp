#include "connectors/twilio.hpp"

#include "logto/encoding/base64url.hpp"
#include "logto/encoding/url.hpp"
#include "net/http_client.hpp"
#include "store/errors.hpp"

#include <vector>

namespace provider::connectors {
namespace {

store::InvalidInput invalid(const std::string& message) {
  return store::InvalidInput("connector.invalid_config", "Twilio config: " + message);
}

}  // namespace

TwilioConfig parse_twilio_config(const nlohmann::json& j) {
  if (!j.is_object()) throw invalid("expected a JSON object.");
  TwilioConfig c;
  auto text = [&](const char* key, std::string& out, bool required) {
    if (!j.contains(key)) {
      if (required) throw invalid(std::string(key) + " is missing.");
      return;
    }
    if (!j[key].is_string() || j[key].get<std::string>().empty()) {
      throw invalid(std::string(key) + " must be a non-empty string.");
    }
    out = j[key].get<std::string>();
  };
  text("accountSID", c.account_sid, true);
  text("authToken", c.auth_token, true);
  text("fromMessagingServiceSID", c.messaging_service_sid, true);
  text("apiBase", c.api_base, false);
  if (j.contains("disableRiskCheck")) {
    if (!j["disableRiskCheck"].is_boolean())
      throw invalid("disableRiskCheck must be true or false.");
    c.disable_risk_check = j["disableRiskCheck"].get<bool>();
  }
  if (!j.contains("templates") || !j["templates"].is_array()) {
    throw invalid("templates must be an array of {usageType, content}.");
  }
  for (const auto& t : j["templates"]) {
    if (!t.is_object() || !t.contains("usageType") || !t["usageType"].is_string() ||
        !t.contains("content") || !t["content"].is_string()) {
      throw invalid("each template needs a usageType and a content string.");
    }
    auto usage = parse_usage(t["usageType"].get<std::string>());
    if (!usage) {
      throw invalid("usageType \"" + t["usageType"].get<std::string>() +
                    "\" is not one of Register, SignIn, ForgotPassword, Generic.");
    }
    std::string content = t["content"].get<std::string>();
    if (content.find("{{code}}") == std::string::npos) {
      throw invalid(std::string("the ") + usage_name(*usage) +
                    " template has no {{code}} placeholder.");
    }
    c.templates[*usage] = content;
  }
  std::vector<std::string> missing;
  for (auto u :
       {UsageType::Register, UsageType::SignIn, UsageType::ForgotPassword, UsageType::Generic}) {
    if (!c.templates.count(u)) missing.push_back(usage_name(u));
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    throw invalid("templates for " + list + " are missing; all four usage types are needed.");
  }
  auto base = logto::url::parse(c.api_base);
  if (!base || (base->scheme != "https" && base->scheme != "http")) {
    throw invalid("apiBase must be an http(s) URL.");
  }
  while (!c.api_base.empty() && c.api_base.back() == '/') c.api_base.pop_back();
  return c;
}

nlohmann::json mask_twilio_config(const nlohmann::json& config) {
  nlohmann::json out = config;
  if (out.is_object() && out.contains("authToken")) out["authToken"] = "********";
  return out;
}

std::string TwilioConnector::render(UsageType usage, const std::string& code) const {
  auto it = config_.templates.find(usage);
  std::string body =
      it != config_.templates.end() ? it->second : config_.templates.at(UsageType::Generic);
  for (size_t pos; (pos = body.find("{{code}}")) != std::string::npos;) {
    body.replace(pos, 8, code);
  }
  return body;
}

void TwilioConnector::send(const std::string& phone, UsageType usage, const std::string& code) {
  net::OutgoingRequest request;
  request.method = "POST";
  request.url = config_.api_base + "/2010-04-01/Accounts/" +
                logto::url::form_encode(config_.account_sid) + "/Messages.json";
  request.headers = {
      {"Authorization", "Basic " + logto::base64url::encode_standard(config_.account_sid + ":" +
                                                                     config_.auth_token)},
      {"Content-Type", "application/x-www-form-urlencoded"},
      {"Accept", "application/json"}};
  request.body =
      logto::url::serialize({{"To", phone},
                             {"MessagingServiceSid", config_.messaging_service_sid},
                             {"Body", render(usage, code)},
                             {"RiskCheck", config_.disable_risk_check ? "disable" : "enable"}});
  net::IncomingResponse response;
  try {
    response = net::send(request);
  } catch (const net::NetworkError& e) {
    throw ConnectorError(std::string("Twilio could not be reached: ") + e.what());
  }
  if (response.status >= 200 && response.status < 300) return;
  auto body = nlohmann::json::parse(response.body, nullptr, false);
  if (body.is_object() && body.contains("code") && body.contains("message")) {
    throw ConnectorError("Twilio error " + body["code"].dump() + " (HTTP " +
                         std::to_string(response.status) +
                         "): " + body["message"].get<std::string>() +
                         (body.contains("more_info") && body["more_info"].is_string()
                              ? " See " + body["more_info"].get<std::string>()
                              : std::string()));
  }
  throw ConnectorError("Twilio answered HTTP " + std::to_string(response.status) + ".");
}

}  // namespace provider::connectors
