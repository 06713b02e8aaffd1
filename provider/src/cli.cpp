#include "cli.hpp"

#include "admin/commands.hpp"
#include "config.hpp"
#include "connectors/sms_connector.hpp"
#include "console/console_routes.hpp"
#include "context.hpp"
#include "db/migrations.hpp"
#include "errors/problem.hpp"
#include "http/input.hpp"
#include "http/parking_server.hpp"
#include "http/server.hpp"
#include "maintenance/sweeper.hpp"
#include "security/cpu_gate.hpp"
#include "security/password.hpp"
#include "security/random.hpp"

#include <httplib.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <pthread.h>
#include <algorithm>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>
#include <tuple>

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
  resource show|delete|scopes RES         (RES: a resource's id or indicator)
  resource add-scope RES --name read:books [--description D]
  resource remove-scope RES --scope NAME
  role create --name N [--description D] [--resource URI --scope NAME...]
  role list | role show ROLE | role delete ROLE
  role add-scopes ROLE --resource URI --scope NAME... | role remove-scope ROLE --resource URI
      --scope NAME                        (or --scope ID... without --resource)
  user roles ID | user add-roles ID --role ROLE... | user remove-role ID --role ROLE
  org create --name N [--description D] | org list | org show ORG | org delete ORG
  org members ORG | org add-members ORG --user ID... | org remove-member ORG --user ID
  org add-member-roles ORG --user ID --role ORGROLE... | org remove-member-role ORG --user ID
      --role ORGROLE
  org-scope create --name N [--description D] | org-scope list | org-scope delete ID
  org-role create --name N [--scope ORGSCOPE...] | org-role list | org-role delete ORGROLE
  org-role add-scopes ORGROLE --scope ORGSCOPE... | org-role remove-scope ORGROLE --scope ORGSCOPE
  user create [--username U] [--phone +E164] [--name N] [--password P] [--admin] | user list
                                          (--admin: may sign in to the Console)
  user show ID | user delete ID | user unlock ID   (unlock: lift a lockout after failed sign-ins)
  key rotate | key list | key retire KID
  connector set twilio (--config JSON | --config-file FILE) | connector show | connector remove
  connector test --phone +E164 [--config JSON | --config-file FILE]
  experience show | experience set (--json JSON | --file FILE)
  db stats                                row counts and file size
  db sweep                                remove expired rows now (the server does it on a timer)
  migrate                                 bring the database's schema up to this provider's
                                          (serve and every command also do it first)
  password-cost [--count N]               time N Argon2id checks on every core at once, as
                                          sign-ins run them (N 200; npm run bench's bound)
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

// SIGINT and SIGTERM are taken by one thread with sigwait, never by a handler: httplib's stop()
// does nothing before its listen loop has started, so a signal in that window (a test that stops
// the provider as soon as it has printed its address) was lost and the provider never exited.
// This thread waits until the server runs, then stops it.
class StopOnSignal {
 public:
  // Called first in serve(), before any thread starts, so every thread inherits the mask.
  static void block_signals() { pthread_sigmask(SIG_BLOCK, &signals(), nullptr); }

  explicit StopOnSignal(httplib::Server& server)
      : thread_([this, &server] {
          int sig = 0;
          sigwait(&signals(), &sig);
          while (!done_ && !server.is_running()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
          }
          if (!done_) server.stop();
        }) {}
  StopOnSignal(const StopOnSignal&) = delete;
  StopOnSignal& operator=(const StopOnSignal&) = delete;
  ~StopOnSignal() {
    done_ = true;
    pthread_kill(thread_.native_handle(), SIGTERM);  // wakes sigwait if no signal came
    thread_.join();
  }

 private:
  static const sigset_t& signals() {
    static const sigset_t set = [] {
      sigset_t s;
      sigemptyset(&s);
      sigaddset(&s, SIGINT);
      sigaddset(&s, SIGTERM);
      return s;
    }();
    return set;
  }
  std::atomic<bool> done_{false};
  std::thread thread_;
};

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
  StopOnSignal::block_signals();
  ensure_admin_token(config);
  // 256 workers serve requests (most of them wait: on the Argon2id or signing gate, on Twilio);
  // idle keep-alive connections wait parked in epoll, holding no worker, and are closed after
  // 5 s (http/parking_server.hpp).
  http::ParkingServer server(256, std::chrono::seconds(5));
  // httplib's default adds SO_REUSEPORT, which lets a second provider bind the same port and
  // silently share its traffic; a busy port must be an error instead.
  socket_t listener = INVALID_SOCKET;
  server.set_socket_options([&listener](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listener = sock;
  });
  // httplib's own pool only hands each accepted connection to the parking lot.
  server.new_task_queue = [] { return new httplib::ThreadPool(2); };  // NOLINT: httplib API
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
  // httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, fixed in Debian's compiled
  // library): a burst of new connections overflows it, the kernel drops their SYNs and clients
  // retry after 1, 3, 7 s (measured: first requests of 50 fresh connections waited 1-14 s).
  // listen() again on the bound socket only raises the backlog.
  if (::listen(listener, SOMAXCONN) != 0) {
    std::cerr << "[provider] could not raise the listen backlog: " << std::strerror(errno)
              << std::endl;
  }
  if (!explicit_url) config.public_url = "http://localhost:" + std::to_string(port);
  config.port = port;
  auto startup = std::make_unique<db::StartupLock>(config.database_target());
  Context ctx(config);
  console::prepare_console(ctx);
  startup.reset();
  maintenance::Sweeper sweeper(ctx);  // stopped when serving ends, before the context goes
  http::register_routes(server, ctx);
  StopOnSignal stop_on_signal(server);
  std::cout << "[provider] listening on http://" << config.host << ":" << port << "\n"
            << "[provider] issuer " << ctx.issuer() << "\n"
            << "[provider] discovery " << ctx.issuer() << "/.well-known/openid-configuration\n"
            << "[provider] console " << config.public_url << "/console\n"
            << "[provider] data "
            << (config.postgres() ? "PostgreSQL (databaseUrl)" : config.database_path()) << "\n"
            << "[provider] admin token from " << config.admin_token_source << "\n"
            << "[provider] SMS connector " << ctx.sms_connector_description() << "\n"
            << "[provider] mode " << (config.dev ? "dev" : "production") << std::endl;
  server.listen_after_bind();
  std::cout << "[provider] stopped" << std::endl;
  return 0;
}

// Translates `noun verb [ID] --flag value ...` into the command layer's JSON input
// (admin/commands.hpp) and prints its result.
int admin_command(const Config& config, std::vector<std::string> args) {
  // The one flag without a value: `user create --admin`.
  auto admin_flag = std::find(args.begin(), args.end(), "--admin");
  bool admin = admin_flag != args.end();
  if (admin) args.erase(admin_flag);
  std::vector<std::string> pos;
  auto o = options(args, 0, pos);
  if (pos.size() < 2) throw Usage("missing arguments for '" + args[0] + "'");
  const std::string name = pos[0] + "." + pos[1];
  if (!admin::has_command(name)) throw Usage("unknown command '" + pos[0] + " " + pos[1] + "'");
  nlohmann::json input = nlohmann::json::object();
  if (pos.size() > 2) {
    input[pos[0] == "key" ? "kid" : pos[0] == "connector" ? "connector" : "id"] = pos[2];
  }
  for (const auto& [flag, field] : {std::pair{"name", "name"},
                                    {"type", "type"},
                                    {"indicator", "indicator"},
                                    {"username", "username"},
                                    {"phone", "phone"},
                                    {"password", "password"},
                                    {"description", "description"},
                                    {"resource", "resource"}}) {
    if (auto v = one(o, flag)) input[field] = *v;
  }
  // Repeatable links: every value as a list, the first also alone for commands that take one.
  for (const auto& [flag, many, single] : {std::tuple{"scope", "scopeIds", "scopeId"},
                                           {"role", "roleIds", "roleId"},
                                           {"user", "userIds", "userId"}}) {
    if (auto v = all(o, flag)) {
      input[many] = *v;
      input[single] = v->front();
    }
  }
  for (const auto& [flag, field] :
       {std::pair{"redirect-uri", "redirectUris"}, {"post-logout-uri", "postLogoutRedirectUris"}}) {
    if (auto v = all(o, flag)) input[field] = *v;
  }
  if (admin) {
    if (name != "user.create") throw Usage("--admin goes with user create only");
    input["admin"] = true;
  }
  if (auto v = json_option(o, "config", "config-file")) input["config"] = *v;
  if (auto v = json_option(o, "json", "file")) input["settings"] = *v;
  // What each command cannot run without, said the CLI's way (the flag to pass).
  if (name == "connector.set" && !input.contains("config")) {
    throw Usage("connector set needs --config JSON or --config-file FILE");
  }
  if (name == "experience.set" && !input.contains("settings")) {
    throw Usage("experience set needs --json JSON or --file FILE");
  }
  if (name == "connector.test" && !input.contains("phone")) {
    throw Usage("connector test needs --phone +E164");
  }
  if (name == "resource.create" && !input.contains("indicator")) {
    throw Usage("resource create needs --indicator URI");
  }
  auto startup = std::make_unique<db::StartupLock>(config.database_target());
  Context ctx(config);
  startup.reset();
  print(admin::run_command(ctx, name, input).body);
  return 0;
}

// N password checks on one thread per slot of the gate sign-ins take: what
// N concurrent password sign-ins cost at least, whatever else the server does.
int password_cost(const std::vector<std::string>& args) {
  std::vector<std::string> pos;
  auto o = options(args, 1, pos);
  int count = 200;
  if (auto v = one(o, "count")) {
    try {
      count = std::stoi(*v);
    } catch (const std::exception&) {
      count = 0;
    }
    if (count <= 0) throw Usage("--count must be a positive number");
  }
  const std::string hash = security::hash_password("a password to check");
  unsigned threads = security::cpu_slots();  // as many as the gate lets hash at once
  std::atomic<int> left{count};
  auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      while (left.fetch_sub(1) > 0) security::verify_password("a password to check", hash);
    });
  }
  for (auto& w : workers) w.join();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  print({{"count", count}, {"threads", threads}, {"seconds", seconds}});
  return 0;
}

// Only the schema: for a deployment that migrates before starting its instances.
int migrate(const Config& config) {
  if (!config.postgres()) std::filesystem::create_directories(config.data_dir);
  auto db = db::open_database(config.database_target());
  db::migrate(*db);
  print({{"schemaVersion", db::schema_version()},
         {"database", config.postgres() ? "postgresql" : "sqlite"}});
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
    if (args[0] == "password-cost") return password_cost(args);
    if (args[0] == "migrate") return migrate(config);
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
