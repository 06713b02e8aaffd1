#include "cli.hpp"

#include "config.hpp"
#include "connectors/sms_connector.hpp"
#include "connectors/test_send.hpp"
#include "connectors/twilio.hpp"
#include "context.hpp"
#include "http/input.hpp"
#include "http/server.hpp"
#include "maintenance/sweeper.hpp"
#include "security/random.hpp"
#include "store/applications.hpp"
#include "store/connectors.hpp"
#include "store/errors.hpp"
#include "store/lockouts.hpp"
#include "store/resources.hpp"
#include "store/signing_keys.hpp"
#include "store/sweep.hpp"
#include "store/users.hpp"

#include <httplib.h>
#include <sys/stat.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

namespace provider {
namespace {

const char* kUsage = R"(usage: logto-provider [--config FILE] [--data-dir DIR] [--port N]
                      [--host HOST] [--public-url URL] [--dev] <command>

commands:
  serve                                   start the OpenID provider
  app create --name N [--type spa|native|traditional] [--redirect-uri URI]...
             [--post-logout-uri URI]...
  app list | app show ID | app delete ID
  app update ID [--name N] [--type T] [--redirect-uri URI]... [--post-logout-uri URI]...
  resource create --indicator URI [--name N] | resource list
  user create [--username U] [--phone +E164] [--name N] [--password P] | user list
  user delete ID | user unlock ID            (lift a lockout after too many failed sign-ins)
  key rotate | key list | key retire KID
  connector set twilio (--config JSON | --config-file FILE) | connector show | connector remove
  connector test --phone +E164 [--config JSON | --config-file FILE]
  experience show | experience set (--json JSON | --file FILE)
  db stats                                row counts and file size
  db sweep                                remove expired rows now (the server does it on a timer)
)";

struct Usage : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// --name value pairs after the positional words; repeated flags keep every value.
std::multimap<std::string, std::string> options(const std::vector<std::string>& args, size_t from,
                                                std::vector<std::string>& positional) {
  std::multimap<std::string, std::string> out;
  for (size_t i = from; i < args.size(); ++i) {
    if (args[i].rfind("--", 0) == 0) {
      if (i + 1 >= args.size()) throw Usage(args[i] + " needs a value");
      out.emplace(args[i].substr(2), args[i + 1]);
      ++i;
    } else {
      positional.push_back(args[i]);
    }
  }
  return out;
}

std::optional<std::string> one(const std::multimap<std::string, std::string>& o,
                               const std::string& key) {
  auto it = o.find(key);
  return it == o.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::optional<std::vector<std::string>> all(const std::multimap<std::string, std::string>& o,
                                            const std::string& key) {
  auto range = o.equal_range(key);
  if (range.first == range.second) return std::nullopt;
  std::vector<std::string> out;
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

// A JSON value given inline (--config '{...}') or as a file (--config-file path).
std::optional<nlohmann::json> json_option(const std::multimap<std::string, std::string>& o,
                                          const std::string& inline_key,
                                          const std::string& file_key) {
  std::string text;
  if (auto v = one(o, inline_key)) {
    text = *v;
  } else if (auto f = one(o, file_key)) {
    std::ifstream in(*f);
    if (!in) throw Usage("cannot read " + *f);
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  } else {
    return std::nullopt;
  }
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) throw Usage("--" + inline_key + " is not valid JSON");
  return j;
}

void print(const nlohmann::json& value) {
  std::cout << value.dump(2) << std::endl;
}

template <typename T>
nlohmann::json to_array(const std::vector<T>& items) {
  auto out = nlohmann::json::array();
  for (const auto& item : items) out.push_back(item.to_json());
  return out;
}

httplib::Server* running_server = nullptr;

void stop_server(int) {
  if (running_server) running_server->stop();
}

// The admin token: from config/env, else the one in {dataDir}/admin-token, made on first use.
void ensure_admin_token(Config& config) {
  if (!config.admin_token.empty()) return;
  std::filesystem::create_directories(config.data_dir);
  std::string path = config.data_dir + "/admin-token";
  std::ifstream in(path);
  if (in && std::getline(in, config.admin_token) && !config.admin_token.empty()) {
    config.admin_token_source = "file " + path;
    return;
  }
  config.admin_token = security::random_token(32);
  std::ofstream out(path, std::ios::trunc);
  out << config.admin_token << "\n";
  out.close();
  chmod(path.c_str(), 0600);
  config.admin_token_source = "file " + path + " (generated now)";
}

int serve(Config config) {
  ensure_admin_token(config);
  httplib::Server server;
  // httplib's default adds SO_REUSEPORT, which lets a second provider bind the same port and
  // silently share its traffic; a busy port must be an error instead.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  // httplib gives each keep-alive connection a worker for its whole life; with its default
  // of max(8, cores - 1) workers, the 9th browser or client waits. 256 workers (each mostly
  // waiting on its socket; Argon2id has its own bound, security/password.cpp) and up to 100
  // requests per connection keep many clients moving. (httplib owns the queue it is given.)
  server.new_task_queue = [] { return new httplib::ThreadPool(256); };  // NOLINT: httplib API
  server.set_keep_alive_max_count(100);
  server.set_payload_max_length(http::kMaxBodyBytes);  // a larger body is answered 413
  // Routes catch their own exceptions (http/server.cpp); this is the last net, instead of
  // httplib's default, which copies the exception's text into an EXCEPTION_WHAT header.
  server.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
        std::cerr << "[provider] unhandled error on " << req.method << " " << req.path << std::endl;
        res.status = 500;
        res.set_content("The provider failed; see its log.", "text/plain; charset=utf-8");
      });
  // httplib writes headers and body separately: without TCP_NODELAY, Nagle plus delayed ACKs
  // add ~40 ms to many responses.
  server.set_tcp_nodelay(true);
  // Port 0 asks the system for a free port (tests); the public URL then follows it.
  bool explicit_url = config.public_url != "http://localhost:" + std::to_string(config.port);
  int port = config.port == 0 ? server.bind_to_any_port(config.host)
                              : (server.bind_to_port(config.host, config.port) ? config.port : -1);
  if (port <= 0) {
    std::cerr << "[provider] cannot listen on " << config.host << ":" << config.port
              << ": the port is in use or the address is unavailable; stop the other process "
                 "or pass --port."
              << std::endl;
    return 1;
  }
  if (!explicit_url) config.public_url = "http://localhost:" + std::to_string(port);
  config.port = port;
  Context ctx(config);
  maintenance::Sweeper sweeper(ctx);  // stopped when serving ends, before the context goes
  http::register_routes(server, ctx);
  running_server = &server;
  std::signal(SIGINT, stop_server);
  std::signal(SIGTERM, stop_server);
  std::cout << "[provider] listening on http://" << config.host << ":" << port << "\n"
            << "[provider] issuer " << ctx.issuer() << "\n"
            << "[provider] discovery " << ctx.issuer() << "/.well-known/openid-configuration\n"
            << "[provider] data " << config.database_path() << "\n"
            << "[provider] admin token from " << config.admin_token_source << "\n"
            << "[provider] SMS connector " << ctx.sms_connector_description() << "\n"
            << "[provider] mode " << (config.dev ? "dev" : "production") << std::endl;
  server.listen_after_bind();
  running_server = nullptr;
  std::cout << "[provider] stopped" << std::endl;
  return 0;
}

int admin_command(const Config& config, const std::vector<std::string>& args) {
  Context ctx(config);
  auto& db = ctx.db();
  std::vector<std::string> pos;
  auto o = options(args, 0, pos);
  auto need = [&](size_t n) {
    if (pos.size() < n) throw Usage("missing arguments for '" + args[0] + "'");
  };
  need(2);
  const std::string& noun = pos[0];
  const std::string& verb = pos[1];
  store::ApplicationInput app_input{one(o, "name"), one(o, "type"), all(o, "redirect-uri"),
                                    all(o, "post-logout-uri")};
  if (noun == "app" && verb == "create") {
    print(store::create_application(db, app_input).to_json());
  } else if (noun == "app" && verb == "list") {
    print(to_array(store::list_applications(db)));
  } else if (noun == "app" && verb == "show") {
    need(3);
    auto app = store::find_application(db, pos[2]);
    if (!app) throw store::NotFound("application.not_found", "No application \"" + pos[2] + "\".");
    print(app->to_json());
  } else if (noun == "app" && verb == "update") {
    need(3);
    print(store::update_application(db, pos[2], app_input).to_json());
  } else if (noun == "app" && verb == "delete") {
    need(3);
    if (!store::delete_application(db, pos[2])) {
      throw store::NotFound("application.not_found", "No application \"" + pos[2] + "\".");
    }
    print({{"deleted", pos[2]}});
  } else if (noun == "resource" && verb == "create") {
    auto indicator = one(o, "indicator");
    if (!indicator) throw Usage("resource create needs --indicator URI");
    print(store::create_resource(db, *indicator, one(o, "name").value_or("")).to_json());
  } else if (noun == "resource" && verb == "list") {
    print(to_array(store::list_resources(db)));
  } else if (noun == "user" && verb == "create") {
    print(store::create_user(
              db, {one(o, "username"), one(o, "phone"), one(o, "name"), one(o, "password")})
              .to_json());
  } else if (noun == "user" && verb == "list") {
    print(to_array(store::list_users(db)));
  } else if (noun == "user" && verb == "unlock") {
    need(3);
    auto user = store::find_user(db, pos[2]);
    if (!user) throw store::NotFound("user.not_found", "No user \"" + pos[2] + "\".");
    print({{"unlocked", user->id}, {"lockoutsLifted", store::unlock_user(db, *user)}});
  } else if (noun == "user" && verb == "delete") {
    need(3);
    if (!store::delete_user(db, pos[2])) {
      throw store::NotFound("user.not_found", "No user \"" + pos[2] + "\".");
    }
    print({{"deleted", pos[2]}});
  } else if (noun == "key" && verb == "rotate") {
    print({{"kid", store::rotate_signing_key(db)}});
  } else if (noun == "key" && verb == "list") {
    print(store::list_signing_keys(db));
  } else if (noun == "key" && verb == "retire") {
    need(3);
    store::retire_signing_key(db, pos[2]);
    print({{"retired", pos[2]}});
  } else if (noun == "connector" && verb == "set") {
    need(3);
    auto config = json_option(o, "config", "config-file");
    if (!config) throw Usage("connector set needs --config JSON or --config-file FILE");
    store::save_sms_connector(db, pos[2], *config);
    print({{"name", pos[2]}, {"config", connectors::mask_twilio_config(*config)}});
  } else if (noun == "connector" && verb == "show") {
    auto c = store::find_sms_connector(db);
    print(c ? nlohmann::json{{"name", (*c)["name"]},
                             {"config", connectors::mask_twilio_config((*c)["config"])}}
            : nlohmann::json{{"name", nullptr}, {"active", ctx.sms_connector_description()}});
  } else if (noun == "connector" && verb == "remove") {
    print({{"removed", store::remove_sms_connector(db)}});
  } else if (noun == "connector" && verb == "test") {
    auto phone = one(o, "phone");
    if (!phone) throw Usage("connector test needs --phone +E164");
    auto config = json_option(o, "config", "config-file");
    if (!config) {
      auto stored = store::find_sms_connector(db);
      if (!stored) throw Usage("no connector is set: pass --config JSON to test one before saving");
      config = (*stored)["config"];
    }
    print({{"sent", true}, {"to", connectors::test_send(ctx, "twilio", *config, *phone)}});
  } else if (noun == "db" && verb == "stats") {
    print(store::database_stats(db, config.database_path()));
  } else if (noun == "db" && verb == "sweep") {
    print(maintenance::Sweeper::sweep_once(ctx));
  } else if (noun == "experience" && verb == "show") {
    print(store::experience_settings(db));
  } else if (noun == "experience" && verb == "set") {
    auto settings = json_option(o, "json", "file");
    if (!settings) throw Usage("experience set needs --json JSON or --file FILE");
    print(store::save_experience_settings(db, *settings));
  } else {
    throw Usage("unknown command '" + noun + " " + verb + "'");
  }
  return 0;
}

}  // namespace

int run_cli(std::vector<std::string> args) {
  try {
    Config config = load_config(args);
    if (args.empty() || args[0] == "help" || args[0] == "--help") {
      std::cout << kUsage;
      return args.empty() ? 2 : 0;
    }
    if (args[0] == "serve") return serve(config);
    return admin_command(config, args);
  } catch (const Usage& e) {
    std::cerr << "logto-provider: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const Problem& e) {
    // The CLI's rendering of the provider's one error type: one line, the message and code.
    std::cerr << "logto-provider: " << e.what() << " (" << e.code() << ")" << std::endl;
    return 1;
  } catch (const connectors::ConnectorError& e) {
    std::cerr << "logto-provider: the test message was not sent: " << e.what() << std::endl;
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "logto-provider: " << e.what() << std::endl;
    return 1;
  }
}

}  // namespace provider
