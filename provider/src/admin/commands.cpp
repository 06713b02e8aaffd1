#include "admin/commands.hpp"

#include "admin/command_table.hpp"

#include "connectors/test_send.hpp"
#include "connectors/twilio.hpp"
#include "console/admin_access.hpp"
#include "errors/problem.hpp"
#include "maintenance/sweeper.hpp"
#include "store/applications.hpp"
#include "store/connectors.hpp"
#include "store/errors.hpp"
#include "store/lockouts.hpp"
#include "store/signing_keys.hpp"
#include "store/sweep.hpp"
#include "store/users.hpp"

#include <map>

namespace provider::admin {

std::optional<std::string> optional_string(const Input& in, const char* key) {
  if (!in.contains(key) || in[key].is_null()) return std::nullopt;
  if (!in[key].is_string()) {
    throw store::InvalidInput("request.invalid_body", std::string(key) + " must be a string.",
                              {{"field", key}});
  }
  return in[key].get<std::string>();
}

std::string required_string(const Input& in, const char* key) {
  auto value = optional_string(in, key);
  if (!value || value->empty()) {
    throw store::InvalidInput("request.invalid_body", std::string(key) + " is required.",
                              {{"field", key}});
  }
  return *value;
}

std::vector<std::string> required_strings(const Input& in,
                                          std::initializer_list<const char*> keys) {
  const char* name = *keys.begin();
  for (const char* key : keys) {
    if (!in.contains(key) || in[key].is_null()) continue;
    const auto& v = in[key];
    std::vector<std::string> out;
    if (v.is_string()) out.push_back(v.get<std::string>());
    for (const auto& item : v.is_array() ? v : Input::array()) {
      if (!item.is_string() || item.get<std::string>().empty()) {
        out.clear();
        break;
      }
      out.push_back(item.get<std::string>());
    }
    if (out.empty() || (v.is_array() && out.size() != v.size())) break;
    return out;
  }
  throw store::InvalidInput("request.invalid_body",
                            std::string(name) + " must be a non-empty list of ids.",
                            {{"field", name}});
}

namespace {

// A connector config that leaves out the auth token (or sends back its mask) keeps the saved
// one: the Console never holds the secret it shows masked.
Input with_saved_secret(Context& ctx, Input config) {
  if (!config.is_object()) return config;
  bool missing = !config.contains("authToken") || config["authToken"] == "********" ||
                 config["authToken"] == "";
  if (!missing) return config;
  if (auto stored = store::find_sms_connector(ctx.db())) {
    const auto& saved = (*stored)["config"];
    if (saved.is_object() && saved.contains("authToken")) config["authToken"] = saved["authToken"];
  }
  return config;
}

store::User find_user(Context& ctx, const Input& in) {
  std::string id = required_string(in, "id");
  auto user = store::find_user(ctx.db(), id);
  if (!user) throw store::NotFound("user.not_found", "No user \"" + id + "\".");
  return *user;
}

const CommandTable& table() {
  static const CommandTable commands = [] {
    CommandTable base = {
        {"app.create",
         [](Context& ctx, const Input& in) {
           return CommandResult{
               201, store::create_application(ctx.db(), store::application_input_from_json(in))
                        .to_json()};
         }},
        {"app.list",
         [](Context& ctx, const Input&) {
           return CommandResult{200, to_array(store::list_applications(ctx.db()))};
         }},
        {"app.show",
         [](Context& ctx, const Input& in) {
           std::string id = required_string(in, "id");
           auto app = store::find_application(ctx.db(), id);
           if (!app)
             throw store::NotFound("application.not_found", "No application \"" + id + "\".");
           return CommandResult{200, app->to_json()};
         }},
        {"app.update",
         [](Context& ctx, const Input& in) {
           std::string id = required_string(in, "id");
           Input fields = in;
           fields.erase("id");
           return CommandResult{200, store::update_application(
                                         ctx.db(), id, store::application_input_from_json(fields))
                                         .to_json()};
         }},
        {"app.delete",
         [](Context& ctx, const Input& in) {
           std::string id = required_string(in, "id");
           if (!store::delete_application(ctx.db(), id)) {
             throw store::NotFound("application.not_found", "No application \"" + id + "\".");
           }
           return CommandResult{204, {{"deleted", id}}};
         }},
        {"user.create",
         [](Context& ctx, const Input& in) {
           store::UserInput user{optional_string(in, "username"), optional_string(in, "phone"),
                                 optional_string(in, "name"), optional_string(in, "password")};
           if (in.contains("admin") && !in["admin"].is_boolean()) {
             throw store::InvalidInput("request.invalid_body", "admin must be true or false.",
                                       {{"field", "admin"}});
           }
           bool admin = in.contains("admin") && in["admin"] == true;
           auto created = store::create_user(ctx.db(), user);
           // May sign in to the Console (console/admin_access.hpp).
           if (admin) console::make_admin(ctx.db(), created.id);
           auto out = created.to_json();
           out["admin"] = admin;
           return CommandResult{201, out};
         }},
        {"user.show",
         [](Context& ctx, const Input& in) {
           return CommandResult{200, find_user(ctx, in).to_json()};
         }},
        {"user.list",
         [](Context& ctx, const Input&) {
           return CommandResult{200, to_array(store::list_users(ctx.db()))};
         }},
        {"user.delete",
         [](Context& ctx, const Input& in) {
           std::string id = required_string(in, "id");
           if (!store::delete_user(ctx.db(), id)) {
             throw store::NotFound("user.not_found", "No user \"" + id + "\".");
           }
           return CommandResult{204, {{"deleted", id}}};
         }},
        {"user.unlock",
         [](Context& ctx, const Input& in) {
           auto user = find_user(ctx, in);
           return CommandResult{
               200,
               {{"unlocked", user.id}, {"lockoutsLifted", store::unlock_user(ctx.db(), user)}}};
         }},
        {"key.rotate",
         [](Context& ctx, const Input&) {
           std::string kid = store::rotate_signing_key(ctx.db());
           ctx.signing_keys_changed();
           return CommandResult{201, {{"kid", kid}}};
         }},
        {"key.list",
         [](Context& ctx, const Input&) {
           return CommandResult{200, store::list_signing_keys(ctx.db())};
         }},
        {"key.retire",
         [](Context& ctx, const Input& in) {
           std::string kid = required_string(in, "kid");
           store::retire_signing_key(ctx.db(), kid);
           ctx.signing_keys_changed();
           return CommandResult{200, {{"retired", kid}}};
         }},
        {"connector.set",
         [](Context& ctx, const Input& in) {
           std::string name = required_string(in, "connector");
           Input config = with_saved_secret(ctx, in.value("config", Input()));
           store::save_sms_connector(ctx.db(), name, config);
           return CommandResult{
               200, {{"name", name}, {"config", connectors::mask_twilio_config(config)}}};
         }},
        {"connector.show",
         [](Context& ctx, const Input&) {
           auto c = store::find_sms_connector(ctx.db());
           return CommandResult{
               200,
               c ? nlohmann::json{{"name", (*c)["name"]},
                                  {"config", connectors::mask_twilio_config((*c)["config"])}}
                 : nlohmann::json{{"name", nullptr}, {"active", ctx.sms_connector_description()}}};
         }},
        {"connector.list",
         [](Context& ctx, const Input&) {
           auto out = nlohmann::json::array();
           if (auto c = store::find_sms_connector(ctx.db())) {
             out.push_back({{"name", (*c)["name"]},
                            {"config", connectors::mask_twilio_config((*c)["config"])}});
           }
           return CommandResult{200, out};
         }},
        {"connector.remove",
         [](Context& ctx, const Input&) {
           if (!store::remove_sms_connector(ctx.db())) {
             throw store::NotFound("connector.not_found", "No SMS connector is set.");
           }
           return CommandResult{204, {{"removed", true}}};
         }},
        {"connector.test",
         [](Context& ctx, const Input& in) {
           std::string phone = required_string(in, "phone");
           nlohmann::json config = with_saved_secret(ctx, in.value("config", Input()));
           if (config.is_null()) {
             auto stored = store::find_sms_connector(ctx.db());
             if (!stored) {
               throw store::InvalidInput("connector.not_found",
                                         "No connector is set: pass a config to test one before "
                                         "saving.");
             }
             config = (*stored)["config"];
           }
           std::string to = connectors::test_send(
               ctx, optional_string(in, "connector").value_or("twilio"), config, phone);
           return CommandResult{200, {{"sent", true}, {"to", to}}};
         }},
        {"experience.show",
         [](Context& ctx, const Input&) {
           return CommandResult{200, store::experience_settings(ctx.db())};
         }},
        {"experience.set",
         [](Context& ctx, const Input& in) {
           return CommandResult{
               200, store::save_experience_settings(ctx.db(), in.value("settings", Input()))};
         }},
        {"db.stats",
         [](Context& ctx, const Input&) {
           return CommandResult{200, store::database_stats(ctx.db(), ctx.config().database_path())};
         }},
        {"db.sweep",
         [](Context& ctx, const Input&) {
           return CommandResult{200, maintenance::Sweeper::sweep_once(ctx)};
         }},
    };
    add_authorization_commands(base);
    return base;
  }();
  return commands;
}

}  // namespace

bool has_command(const std::string& name) {
  return table().count(name) > 0;
}

CommandResult run_command(Context& ctx, const std::string& name, const nlohmann::json& input) {
  auto found = table().find(name);
  if (found == table().end()) {
    throw store::NotFound("command.not_found", "No command \"" + name + "\".");
  }
  return found->second(ctx, input.is_object() ? input : nlohmann::json::object());
}

}  // namespace provider::admin
