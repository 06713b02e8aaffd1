#include "store/connectors.hpp"

#include "connectors/twilio.hpp"
#include "store/errors.hpp"

#include <ctime>

namespace provider::store {

void save_sms_connector(db::Database& db, const std::string& name, const nlohmann::json& config) {
  if (name != "twilio") {
    throw InvalidInput("connector.unknown", "No SMS connector \"" + name + "\"; use twilio.");
  }
  connectors::parse_twilio_config(config);
  db.transaction([&] {
    db.exec("DELETE FROM connectors");
    db.prepare("INSERT INTO connectors (name, config, updated_at) VALUES (?, ?, ?)")
        .bind(1, name)
        .bind(2, config.dump())
        .bind(3, static_cast<int64_t>(std::time(nullptr)))
        .run();
  });
}

std::optional<nlohmann::json> find_sms_connector(db::Database& db) {
  auto s = db.prepare("SELECT name, config FROM connectors LIMIT 1");
  if (!s.step()) return std::nullopt;
  return nlohmann::json{{"name", s.text(0)}, {"config", nlohmann::json::parse(s.text(1))}};
}

bool remove_sms_connector(db::Database& db) {
  db.exec("DELETE FROM connectors");
  return db.changes() > 0;
}

nlohmann::json normalize_experience(const nlohmann::json& in) {
  auto bad = [](const std::string& message) {
    return InvalidInput("sign_in_experience.invalid", message);
  };
  if (!in.is_object()) throw bad("The sign-in experience must be a JSON object.");
  nlohmann::json out = {
      {"signUp", {{"identifiers", {"phone"}}, {"verify", true}, {"password", false}}},
      {"signIn",
       {{"methods", {{{"identifier", "phone"}, {"verificationCode", true}, {"password", true}}}}}},
      {"signInMode", "SignInAndRegister"}};
  if (in.contains("signUp")) {
    const auto& su = in["signUp"];
    if (!su.is_object()) throw bad("signUp must be an object.");
    if (su.contains("identifiers")) {
      auto ids = su["identifiers"];
      if (ids != nlohmann::json{"phone"} && ids != nlohmann::json{"email", "phone"}) {
        throw bad("signUp.identifiers must be [\"phone\"] or [\"email\", \"phone\"].");
      }
      out["signUp"]["identifiers"] = ids;
    }
    if (su.contains("password")) {
      if (!su["password"].is_boolean()) throw bad("signUp.password must be true or false.");
      out["signUp"]["password"] = su["password"];
    }
    if (su.contains("verify") && !su["verify"].is_boolean()) {
      throw bad("signUp.verify must be true or false.");
    }
    // A phone identifier is only worth anything verified: verify stays on.
    out["signUp"]["verify"] = true;
  }
  if (in.contains("signIn")) {
    const auto& si = in["signIn"];
    if (!si.is_object() || !si.contains("methods") || !si["methods"].is_array() ||
        si["methods"].empty()) {
      throw bad("signIn.methods must be a non-empty array.");
    }
    nlohmann::json methods = nlohmann::json::array();
    for (const auto& m : si["methods"]) {
      if (!m.is_object() || !m.contains("identifier") || m["identifier"] != "phone") {
        throw bad("signIn.methods[].identifier must be \"phone\".");
      }
      // A non-boolean switch is refused rather than read as false: json's value() would throw
      // its own type_error here, which no caller expects.
      for (const char* key : {"verificationCode", "password"}) {
        if (m.contains(key) && !m[key].is_boolean()) {
          throw bad(std::string("signIn.methods[].") + key + " must be true or false.");
        }
      }
      bool code = m.value("verificationCode", false), password = m.value("password", false);
      if (!code && !password) {
        throw bad("signIn.methods[] needs verificationCode or password (or both).");
      }
      methods.push_back(
          {{"identifier", "phone"}, {"verificationCode", code}, {"password", password}});
    }
    out["signIn"]["methods"] = methods;
  }
  if (in.contains("signInMode")) {
    auto mode = in["signInMode"];
    if (mode != "SignIn" && mode != "Register" && mode != "SignInAndRegister") {
      throw bad("signInMode must be SignIn, Register or SignInAndRegister.");
    }
    out["signInMode"] = mode;
  }
  return out;
}

nlohmann::json experience_settings(db::Database& db) {
  auto s = db.prepare("SELECT value FROM meta WHERE key = 'sign_in_experience'");
  if (!s.step()) return normalize_experience(nlohmann::json::object());
  return nlohmann::json::parse(s.text(0));
}

nlohmann::json save_experience_settings(db::Database& db, const nlohmann::json& settings) {
  nlohmann::json normalized = normalize_experience(settings);
  db.prepare(
        "INSERT INTO meta (key, value) VALUES ('sign_in_experience', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind(1, normalized.dump())
      .run();
  return normalized;
}

}  // namespace provider::store
