#include "admin/management_api.hpp"

#include "connectors/test_send.hpp"
#include "connectors/twilio.hpp"
#include "http/input.hpp"
#include "http/problem_response.hpp"
#include "http/util.hpp"
#include "security/hashing.hpp"
#include "store/applications.hpp"
#include "store/connectors.hpp"
#include "store/errors.hpp"
#include "store/lockouts.hpp"
#include "store/resources.hpp"
#include "store/signing_keys.hpp"
#include "store/users.hpp"

#include <functional>
#include <iostream>

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

std::optional<std::string> optional_string(const nlohmann::json& body, const char* key) {
  if (!body.contains(key) || body[key].is_null()) return std::nullopt;
  if (!body[key].is_string()) {
    throw store::InvalidInput("request.invalid_body", std::string(key) + " must be a string.");
  }
  return body[key].get<std::string>();
}

// Admin token check, and every refusal (a Problem: store::InvalidInput, NotFound, ...) answered
// as {code, message} like the experience API's (http/problem_response.hpp).
Handler guarded(Context& ctx, Handler body) {
  return [&ctx, body](const httplib::Request& req, httplib::Response& res) {
    std::string auth = req.get_header_value("Authorization");
    if (auth.compare(0, 7, "Bearer ") != 0 ||
        !security::constant_time_equal(auth.substr(7), ctx.config().admin_token)) {
      res.set_header("WWW-Authenticate", "Bearer");
      return http::send_problem(
          res, http::Surface::Api,
          Problem(401, "auth.unauthorized", "Send the admin token as Authorization: Bearer."));
    }
    try {
      body(req, res);
    } catch (const connectors::ConnectorError& e) {
      // The admin asked: show Twilio's own code and message.
      http::send_problem(res, http::Surface::Api, Problem(502, "connector.send_failed", e.what()));
    } catch (const Problem& problem) {
      http::send_problem(res, http::Surface::Api, problem);
    } catch (const std::exception& e) {
      // A bug or a failing database, never input: logged, and nothing of it in the answer.
      std::cerr << "[provider] error on " << req.method << " " << req.path << ": " << e.what()
                << std::endl;
      http::send_problem(res, http::Surface::Api,
                         Problem(500, "internal_error", "The provider failed; see its log."));
    }
  };
}

}  // namespace

void register_routes(httplib::Server& server, Context& ctx) {
  server.Get("/api/applications", guarded(ctx, [&ctx](const auto&, auto& res) {
               auto& db = ctx.db();  // this worker thread's connection (context.hpp)
               auto out = nlohmann::json::array();
               for (const auto& app : store::list_applications(db)) out.push_back(app.to_json());
               http::send_json(res, 200, out);
             }));
  server.Post("/api/applications", guarded(ctx, [&ctx](const auto& req, auto& res) {
                auto& db = ctx.db();  // this worker thread's connection (context.hpp)
                auto in = store::application_input_from_json(json_body(req));
                http::send_json(res, 201, store::create_application(db, in).to_json());
              }));
  server.Get(R"(/api/applications/([^/]+))", guarded(ctx, [&ctx](const auto& req, auto& res) {
               auto& db = ctx.db();  // this worker thread's connection (context.hpp)
               auto app = store::find_application(db, req.matches[1]);
               if (!app) throw store::NotFound("application.not_found", "No such application.");
               http::send_json(res, 200, app->to_json());
             }));
  server.Patch(R"(/api/applications/([^/]+))", guarded(ctx, [&ctx](const auto& req, auto& res) {
                 auto& db = ctx.db();  // this worker thread's connection (context.hpp)
                 auto in = store::application_input_from_json(json_body(req));
                 http::send_json(res, 200,
                                 store::update_application(db, req.matches[1], in).to_json());
               }));
  server.Delete(R"(/api/applications/([^/]+))", guarded(ctx, [&ctx](const auto& req, auto& res) {
                  auto& db = ctx.db();  // this worker thread's connection (context.hpp)
                  if (!store::delete_application(db, req.matches[1])) {
                    throw store::NotFound("application.not_found", "No such application.");
                  }
                  res.status = 204;
                }));
  server.Get("/api/resources", guarded(ctx, [&ctx](const auto&, auto& res) {
               auto& db = ctx.db();  // this worker thread's connection (context.hpp)
               auto out = nlohmann::json::array();
               for (const auto& r : store::list_resources(db)) out.push_back(r.to_json());
               http::send_json(res, 200, out);
             }));
  server.Post("/api/resources", guarded(ctx, [&ctx](const auto& req, auto& res) {
                auto& db = ctx.db();  // this worker thread's connection (context.hpp)
                auto body = json_body(req);
                auto indicator = optional_string(body, "indicator");
                if (!indicator)
                  throw store::InvalidInput("request.invalid_body", "indicator is required.");
                auto r = store::create_resource(db, *indicator,
                                                optional_string(body, "name").value_or(""));
                http::send_json(res, 201, r.to_json());
              }));
  server.Get("/api/users", guarded(ctx, [&ctx](const auto&, auto& res) {
               auto& db = ctx.db();  // this worker thread's connection (context.hpp)
               auto out = nlohmann::json::array();
               for (const auto& u : store::list_users(db)) out.push_back(u.to_json());
               http::send_json(res, 200, out);
             }));
  server.Post("/api/users", guarded(ctx, [&ctx](const auto& req, auto& res) {
                auto& db = ctx.db();  // this worker thread's connection (context.hpp)
                auto body = json_body(req);
                store::UserInput in{optional_string(body, "username"),
                                    optional_string(body, "phone"), optional_string(body, "name"),
                                    optional_string(body, "password")};
                http::send_json(res, 201, store::create_user(db, in).to_json());
              }));
  server.Post(R"(/api/users/([^/]+)/unlock)", guarded(ctx, [&ctx](const auto& req, auto& res) {
                auto user = store::find_user(ctx.db(), req.matches[1]);
                if (!user) throw store::NotFound("user.not_found", "No such user.");
                http::send_json(res, 200,
                                {{"unlocked", user->id},
                                 {"lockoutsLifted", store::unlock_user(ctx.db(), *user)}});
              }));
  server.Delete(R"(/api/users/([^/]+))", guarded(ctx, [&ctx](const auto& req, auto& res) {
                  auto& db = ctx.db();  // this worker thread's connection (context.hpp)
                  if (!store::delete_user(db, req.matches[1])) {
                    throw store::NotFound("user.not_found", "No such user.");
                  }
                  res.status = 204;
                }));
  server.Get("/api/connectors", guarded(ctx, [&ctx](const auto&, auto& res) {
               auto& db = ctx.db();  // this worker thread's connection (context.hpp)
               auto out = nlohmann::json::array();
               if (auto c = store::find_sms_connector(db)) {
                 out.push_back({{"name", (*c)["name"]},
                                {"config", connectors::mask_twilio_config((*c)["config"])}});
               }
               http::send_json(res, 200, out);
             }));
  server.Put(R"(/api/connectors/([a-z-]+))", guarded(ctx, [&ctx](const auto& req, auto& res) {
               auto& db = ctx.db();  // this worker thread's connection (context.hpp)
               auto body = json_body(req);
               store::save_sms_connector(db, req.matches[1], body);
               http::send_json(res, 200,
                               {{"name", std::string(req.matches[1])},
                                {"config", connectors::mask_twilio_config(body)}});
             }));
  server.Delete(R"(/api/connectors/([a-z-]+))", guarded(ctx, [&ctx](const auto&, auto& res) {
                  auto& db = ctx.db();  // this worker thread's connection (context.hpp)
                  if (!store::remove_sms_connector(db)) {
                    throw store::NotFound("connector.not_found", "No SMS connector is set.");
                  }
                  res.status = 204;
                }));
  server.Post(R"(/api/connectors/([a-z-]+)/test)", guarded(ctx, [&ctx](const auto& req, auto& res) {
                auto& db = ctx.db();
                auto body = json_body(req);
                nlohmann::json config;
                if (body.contains("config")) {
                  config = body["config"];
                } else if (auto stored = store::find_sms_connector(db)) {
                  config = (*stored)["config"];
                }
                auto phone = optional_string(body, "phone");
                if (!phone) throw store::InvalidInput("request.invalid_body", "phone is required.");
                std::string to = connectors::test_send(ctx, req.matches[1], config, *phone);
                http::send_json(res, 200, {{"sent", true}, {"to", to}});
              }));
  server.Get("/api/sign-in-experience", guarded(ctx, [&ctx](const auto&, auto& res) {
               auto& db = ctx.db();  // this worker thread's connection (context.hpp)
               http::send_json(res, 200, store::experience_settings(db));
             }));
  server.Put("/api/sign-in-experience", guarded(ctx, [&ctx](const auto& req, auto& res) {
               auto& db = ctx.db();  // this worker thread's connection (context.hpp)
               http::send_json(res, 200, store::save_experience_settings(db, json_body(req)));
             }));
  server.Get("/api/keys", guarded(ctx, [&ctx](const auto&, auto& res) {
               auto& db = ctx.db();  // this worker thread's connection (context.hpp)
               http::send_json(res, 200, store::list_signing_keys(db));
             }));
  server.Post("/api/keys/rotate", guarded(ctx, [&ctx](const auto&, auto& res) {
                auto& db = ctx.db();  // this worker thread's connection (context.hpp)
                http::send_json(res, 201, {{"kid", store::rotate_signing_key(db)}});
              }));
}

}  // namespace provider::admin
