// The stored SMS connector (one at a time, as in Logto) and the sign-in experience settings.
#pragma once

#include "db/database.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace provider::store {

// Validates (Twilio: connectors/twilio.hpp) and stores the config; throws InvalidInput.
void save_sms_connector(db::Database& db, const std::string& name, const nlohmann::json& config);
// {name, config} of the stored connector, config unmasked: callers mask before showing it.
std::optional<nlohmann::json> find_sms_connector(db::Database& db);
bool remove_sms_connector(db::Database& db);

// Logto-shaped settings:
//   {signUp: {identifiers: ["phone"] | ["email","phone"], verify: true, password: bool},
//    signIn: {methods: [{identifier: "phone", verificationCode: bool, password: bool}]},
//    signInMode: "SignIn" | "Register" | "SignInAndRegister"}
// verify is forced on when phone is a sign-up identifier. Throws InvalidInput naming the field.
nlohmann::json normalize_experience(const nlohmann::json& settings);
nlohmann::json experience_settings(db::Database& db);
nlohmann::json save_experience_settings(db::Database& db, const nlohmann::json& settings);

}  // namespace provider::store
