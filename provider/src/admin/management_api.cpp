#include "admin/management_api.hpp"

#include "admin/commands.hpp"
#include "connectors/sms_connector.hpp"
#include "console/admin_access.hpp"
#include "http/input.hpp"
#include "http/problem_response.hpp"
#include "http/util.hpp"
#include "security/hashing.hpp"
#include "store/errors.hpp"

#include <functional>
#include <iostream>
#include <vector>

namespace provider::admin {
namespace {

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

nlohmann::json json_body(const httplib::Request& req) {
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    throw store::InvalidInput("request.invalid_json", "The body must be a JSON object (in UTF-8).");
  }
  // Connector templates are the longest texts an admin sends.
  if (auto problem = http::json_problem(body, 65536)) {
    throw store::InvalidInput("request.invalid_body", *problem);
  }
  return body;
}

// Admin token (or Console admin) check, and every refusal (a Problem: store::InvalidInput,
// NotFound, ...) answered as {code, message} like the experience API's (http/problem_response.hpp).
Handler guarded(Context& ctx, Handler body) {
  return [&ctx, body](const httplib::Request& req, httplib::Response& res) {
    // The admin token (scripts, the CLI's peers) or a Console admin's access token.
    std::string auth = req.get_header_value("Authorization");
    bool bearer = auth.compare(0, 7, "Bearer ") == 0;
    if (!bearer || (!security::constant_time_equal(auth.substr(7), ctx.config().admin_token) &&
                    !console::console_admin(ctx, auth.substr(7)))) {
      res.set_header("WWW-Authenticate", "Bearer");
      return http::send_problem(
          res, http::Surface::Api,
          Problem(401, "auth.unauthorized",
                  "Send the admin token, or a Console admin's access token for the management "
                  "API, as Authorization: Bearer."));
    }
    http::answer_problems(req, res, http::Surface::Api, [&] {
      try {
        body(req, res);
      } catch (const connectors::ConnectorError& e) {
        // The admin asked: show Twilio's own code and message.
        throw Problem(502, "connector.send_failed", e.what());
      }
    });
  };
}

// The path's captures as the command's fields (matches[1] -> names[0], ...), over the body.
std::function<nlohmann::json(const httplib::Request&)> path_fields(std::vector<const char*> names,
                                                                   bool with_body) {
  return [names, with_body](const httplib::Request& req) {
    nlohmann::json in = with_body ? json_body(req) : nlohmann::json::object();
    for (size_t i = 0; i < names.size() && i + 1 < req.matches.size(); ++i) {
      in[names[i]] = std::string(req.matches[i + 1]);
    }
    return in;
  };
}

using Input = std::function<nlohmann::json(const httplib::Request&)>;

// A route that runs one command of the command layer (admin/commands.hpp) on the input `input`
// builds from the request.
Handler command(Context& ctx, const char* name, Input input) {
  return guarded(ctx, [&ctx, name, input](const httplib::Request& req, httplib::Response& res) {
    auto result = run_command(ctx, name, input(req));
    if (result.status == 204) {
      res.status = 204;  // the body (what the CLI prints) is not sent
    } else {
      http::send_json(res, result.status, result.body);
    }
  });
}

// Logto's management API paths for resources, roles and organizations.
void register_authorization_routes(httplib::Server& server, Context& ctx) {
  auto command = [&ctx](const char* name, std::vector<const char*> fields, bool with_body) {
    return admin::command(ctx, name, path_fields(std::move(fields), with_body));
  };
  const char* id = "id";
  server.Get(R"(/api/resources/([^/]+))", command("resource.show", {id}, false));
  server.Delete(R"(/api/resources/([^/]+))", command("resource.delete", {id}, false));
  server.Get(R"(/api/resources/([^/]+)/scopes)", command("resource.scopes", {id}, false));
  server.Post(R"(/api/resources/([^/]+)/scopes)", command("resource.add-scope", {id}, true));
  server.Delete(R"(/api/resources/([^/]+)/scopes/([^/]+))",
                command("resource.remove-scope", {id, "scopeId"}, false));

  server.Get("/api/roles", command("role.list", {}, false));
  server.Post("/api/roles", command("role.create", {}, true));
  server.Get(R"(/api/roles/([^/]+))", command("role.show", {id}, false));
  server.Delete(R"(/api/roles/([^/]+))", command("role.delete", {id}, false));
  server.Get(R"(/api/roles/([^/]+)/scopes)", command("role.show", {id}, false));
  server.Post(R"(/api/roles/([^/]+)/scopes)", command("role.add-scopes", {id}, true));
  server.Delete(R"(/api/roles/([^/]+)/scopes/([^/]+))",
                command("role.remove-scope", {id, "scopeId"}, false));
  server.Get(R"(/api/users/([^/]+)/roles)", command("user.roles", {id}, false));
  server.Post(R"(/api/users/([^/]+)/roles)", command("user.add-roles", {id}, true));
  server.Delete(R"(/api/users/([^/]+)/roles/([^/]+))",
                command("user.remove-role", {id, "roleId"}, false));

  server.Get("/api/organization-scopes", command("org-scope.list", {}, false));
  server.Post("/api/organization-scopes", command("org-scope.create", {}, true));
  server.Delete(R"(/api/organization-scopes/([^/]+))", command("org-scope.delete", {id}, false));
  server.Get("/api/organization-roles", command("org-role.list", {}, false));
  server.Post("/api/organization-roles", command("org-role.create", {}, true));
  server.Delete(R"(/api/organization-roles/([^/]+))", command("org-role.delete", {id}, false));
  server.Post(R"(/api/organization-roles/([^/]+)/scopes)",
              command("org-role.add-scopes", {id}, true));
  server.Delete(R"(/api/organization-roles/([^/]+)/scopes/([^/]+))",
                command("org-role.remove-scope", {id, "organizationScopeId"}, false));

  server.Get("/api/organizations", command("org.list", {}, false));
  server.Post("/api/organizations", command("org.create", {}, true));
  server.Get(R"(/api/organizations/([^/]+))", command("org.show", {id}, false));
  server.Delete(R"(/api/organizations/([^/]+))", command("org.delete", {id}, false));
  server.Get(R"(/api/organizations/([^/]+)/users)", command("org.members", {id}, false));
  server.Post(R"(/api/organizations/([^/]+)/users)", command("org.add-members", {id}, true));
  server.Delete(R"(/api/organizations/([^/]+)/users/([^/]+))",
                command("org.remove-member", {id, "userId"}, false));
  server.Post(R"(/api/organizations/([^/]+)/users/([^/]+)/roles)",
              command("org.add-member-roles", {id, "userId"}, true));
  server.Delete(R"(/api/organizations/([^/]+)/users/([^/]+)/roles/([^/]+))",
                command("org.remove-member-role", {id, "userId", "organizationRoleId"}, false));
}

}  // namespace

void register_routes(httplib::Server& server, Context& ctx) {
  auto command = [&ctx](const char* name, Input input) {
    return admin::command(ctx, name, std::move(input));
  };
  auto nothing = [](const httplib::Request&) { return nlohmann::json::object(); };
  auto body = [](const httplib::Request& req) { return json_body(req); };
  auto id = [](const httplib::Request& req) {
    return nlohmann::json{{"id", std::string(req.matches[1])}};
  };
  auto body_and_id = [](const httplib::Request& req) {
    auto in = json_body(req);
    in["id"] = std::string(req.matches[1]);
    return in;
  };

  server.Get("/api/applications", command("app.list", nothing));
  server.Post("/api/applications", command("app.create", body));
  server.Get(R"(/api/applications/([^/]+))", command("app.show", id));
  server.Patch(R"(/api/applications/([^/]+))", command("app.update", body_and_id));
  server.Delete(R"(/api/applications/([^/]+))", command("app.delete", id));
  server.Get("/api/resources", command("resource.list", nothing));
  server.Post("/api/resources", command("resource.create", body));
  register_authorization_routes(server, ctx);
  server.Get("/api/users", command("user.list", nothing));
  server.Post("/api/users", command("user.create", body));
  server.Get(R"(/api/users/([^/]+))", command("user.show", id));
  server.Post(R"(/api/users/([^/]+)/unlock)", command("user.unlock", id));
  server.Delete(R"(/api/users/([^/]+))", command("user.delete", id));
  server.Get("/api/connectors", command("connector.list", nothing));
  server.Put(R"(/api/connectors/([a-z-]+))",
             command("connector.set", [](const httplib::Request& req) {
               return nlohmann::json{{"connector", std::string(req.matches[1])},
                                     {"config", json_body(req)}};
             }));
  server.Delete(R"(/api/connectors/([a-z-]+))", command("connector.remove", nothing));
  server.Post(R"(/api/connectors/([a-z-]+)/test)",
              command("connector.test", [](const httplib::Request& req) {
                auto in = json_body(req);
                in["connector"] = std::string(req.matches[1]);
                return in;
              }));
  server.Get("/api/sign-in-experience", command("experience.show", nothing));
  server.Put("/api/sign-in-experience", command("experience.set", [](const httplib::Request& req) {
               return nlohmann::json{{"settings", json_body(req)}};
             }));
  server.Get("/api/keys", command("key.list", nothing));
  server.Post("/api/keys/rotate", command("key.rotate", nothing));
}

}  // namespace provider::admin
