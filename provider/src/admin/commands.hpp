// The administration commands, written once. The CLI (cli.cpp) and the management API
// (admin/management_api.cpp) only translate: flags or a path and a JSON body become a
// command's JSON input, and its result becomes printed JSON or an HTTP answer. A refusal is a
// Problem (errors/problem.hpp), rendered by each front end its own way.
//
// Inputs use the API's field names: {id}, {name, type, redirectUris, postLogoutRedirectUris},
// {indicator, name}, {username, phone, name, password}, {kid}, {connector, config, phone},
// {settings}.
#pragma once

#include "context.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace provider::admin {

struct CommandResult {
  int status;           // for the API: 200, 201 (created) or 204 (removed; the body is for the CLI)
  nlohmann::json body;  // what the CLI prints and the API sends (except with 204)
};

bool has_command(const std::string& name);

// Runs the command `name` ("app.create", "user.unlock", ...; the list is in commands.cpp).
// Throws a 404 Problem for an unknown command name.
CommandResult run_command(Context& ctx, const std::string& name, const nlohmann::json& input);

}  // namespace provider::admin
