// The benchmarks' HTTP/1.1 load generator: N keep-alive connections on one epoll thread. The
// servers under test share this machine's two cores with whatever drives them, and Node's fetch
// or autocannon spend about as much CPU per request as the server does, which caps both sides
// and squeezes every ratio toward 1. This costs a few microseconds a request.
//
//   logto-loadgen --port P [--connections N] --get PATH --seconds S
//   logto-loadgen --port P [--connections N] --post PATH --bodies FILE
//   logto-loadgen --port P --connections N --signin AUTH_PATH --people K --identifier U
//                 --password W --client-id C --redirect-uri R --verifier V [--keep-open 1]
//
// --get repeats one GET for S seconds; --post sends each line of FILE once as a form body;
// --signin has K people sign in, N at a time, each on its own connection as a browser would:
// /oidc/auth, the sign-in page (its CSRF token), the password through the experience API, the
// code exchange; a connection whose person is done is closed, or with --keep-open 1 left open
// and idle, as a browser leaves it (the server then holds it until its keep-alive timeout).
// Prints one JSON line: {"ok", "failed", "statuses", "seconds", "p50", "p99",
// "max"}: per request, or per sign-in with --signin (statuses then name the failing step).
#include "response.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
enum class Mode { Get, Post, SignIn };

struct Options {
  std::string host = "127.0.0.1", path, bodies_file;
  std::string identifier, password, client_id, redirect_uri, verifier;
  int port = 0, connections = 50;
  size_t people = 0;
  bool keep_open = false;
  Mode mode = Mode::Get;
  double seconds = 0;
};

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--host")
      o.host = value;
    else if (flag == "--port")
      o.port = std::stoi(value);
    else if (flag == "--connections")
      o.connections = std::stoi(value);
    else if (flag == "--get")
      o.path = value, o.mode = Mode::Get;
    else if (flag == "--post")
      o.path = value, o.mode = Mode::Post;
    else if (flag == "--signin")
      o.path = value, o.mode = Mode::SignIn;
    else if (flag == "--seconds")
      o.seconds = std::stod(value);
    else if (flag == "--bodies")
      o.bodies_file = value;
    else if (flag == "--people")
      o.people = std::stoul(value);
    else if (flag == "--identifier")
      o.identifier = value;
    else if (flag == "--password")
      o.password = value;
    else if (flag == "--client-id")
      o.client_id = value;
    else if (flag == "--redirect-uri")
      o.redirect_uri = value;
    else if (flag == "--verifier")
      o.verifier = value;
    else if (flag == "--keep-open")
      o.keep_open = value == "1";
    else
      throw std::runtime_error("unknown option " + flag);
  }
  bool complete = o.port > 0 && !o.path.empty() && o.connections > 0;
  if (o.mode == Mode::Get) complete = complete && o.seconds > 0;
  if (o.mode == Mode::Post) complete = complete && !o.bodies_file.empty();
  if (o.mode == Mode::SignIn) {
    complete = complete && o.people > 0 && !o.identifier.empty() && !o.client_id.empty() &&
               !o.redirect_uri.empty() && !o.verifier.empty();
  }
  if (!complete) {
    throw std::runtime_error(
        "usage: logto-loadgen --port P [--connections N] (--get PATH --seconds S | --post PATH "
        "--bodies FILE | --signin AUTH_PATH --people K --identifier U --password W --client-id C "
        "--redirect-uri R --verifier V)");
  }
  return o;
}

class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Fd& operator=(Fd&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

// application/x-www-form-urlencoded and JSON string escaping, enough for our own values.
std::string form_escape(const std::string& value) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}
std::string json_string(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// One person's sign-in, step by step, on one connection.
struct Flow {
  int step = 0;  // 0 auth, 1 page, 2 password, 3 token; -1 none running
  std::map<std::string, std::string> cookies;
  std::string interaction, csrf, code;
  Clock::time_point started;
};

struct Connection {
  Fd fd;
  std::string out, in;
  size_t sent = 0;
  Clock::time_point started;
  bool busy = false;
  bool reused = false;  // has answered before: a close without an answer may be a stale socket
  uint32_t events = 0;  // what epoll watches for on fd
  Flow flow;
};

}  // namespace

int main(int argc, char** argv) try {
  Options o = parse_options(argc, argv);
  std::vector<std::string> bodies;
  if (o.mode == Mode::Post) {
    std::ifstream file(o.bodies_file);
    for (std::string line; std::getline(file, line);) {
      if (!line.empty()) bodies.push_back(line);
    }
  }
  const std::string host_header = "Host: " + o.host + ":" + std::to_string(o.port) + "\r\n";
  auto post = [&](const std::string& path, const std::string& type, const std::string& body,
                  const std::string& extra) {
    return "POST " + path + " HTTP/1.1\r\n" + host_header + extra + "Content-Type: " + type +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  };
  auto get = [&](const std::string& path, const std::string& extra) {
    return "GET " + path + " HTTP/1.1\r\n" + host_header + extra + "\r\n";
  };

  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(o.port));
  if (inet_pton(AF_INET, o.host.c_str(), &address.sin_addr) != 1) {
    throw std::runtime_error("--host must be an IPv4 address");
  }
  Fd epoll(epoll_create1(0));
  std::vector<Connection> connections(static_cast<size_t>(o.connections));
  auto watch = [&](size_t i, uint32_t events, int op) {
    epoll_event event{};
    event.events = events;
    event.data.u64 = i;
    connections[i].events = events;
    epoll_ctl(epoll.get(), op, connections[i].fd.get(), &event);
  };
  // Changes what epoll watches for only when it differs: each epoll_ctl is a system call, and
  // this client's CPU comes out of the servers' share of the same two cores.
  auto want = [&](size_t i, uint32_t events) {
    if (connections[i].events != events) watch(i, events, EPOLL_CTL_MOD);
  };
  auto open_connection = [&](size_t i) {
    Connection& c = connections[i];
    c.fd = Fd(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    int one = 1;
    setsockopt(c.fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(c.fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 &&
        errno != EINPROGRESS) {
      throw std::runtime_error(std::string("connect: ") + std::strerror(errno));
    }
    watch(i, EPOLLIN | EPOLLOUT, EPOLL_CTL_ADD);
    c.in.clear();
    c.reused = false;
  };

  size_t next = 0, flows_started = 0, ok = 0, failed = 0;
  std::map<std::string, size_t> statuses;
  std::vector<double> latencies;
  const auto start = Clock::now();
  const auto deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  auto since = [](Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
  };
  auto send = [&](size_t i, std::string request) {
    Connection& c = connections[i];
    c.out = std::move(request);
    c.sent = 0;
    c.busy = true;
    c.started = Clock::now();
    // Written at once when the socket takes it (almost always: it is connected and idle), so
    // epoll need not first report it writable; EPOLLOUT is watched only for what is left.
    ssize_t w = ::send(c.fd.get(), c.out.data(), c.out.size(), MSG_NOSIGNAL);
    if (w > 0) c.sent = static_cast<size_t>(w);
    want(i, c.sent == c.out.size() ? EPOLLIN : EPOLLIN | EPOLLOUT);
  };
  // The request of a sign-in's current step.
  auto flow_request = [&](const Flow& f) {
    std::string cookie =
        f.cookies.empty() ? "" : "Cookie: " + loadgen::cookie_header(f.cookies) + "\r\n";
    switch (f.step) {
      case 0:
        return get(o.path, cookie);
      case 1:
        return get("/sign-in?interaction=" + f.interaction, cookie);
      case 2:
        return post("/api/experience/" + f.interaction + "/password", "application/json",
                    "{\"identifier\":" + json_string(o.identifier) +
                        ",\"password\":" + json_string(o.password) + "}",
                    cookie + "X-CSRF-Token: " + f.csrf + "\r\n");
      default:
        return post("/oidc/token", "application/x-www-form-urlencoded",
                    "grant_type=authorization_code&client_id=" + form_escape(o.client_id) +
                        "&code=" + form_escape(f.code) + "&redirect_uri=" +
                        form_escape(o.redirect_uri) + "&code_verifier=" + form_escape(o.verifier),
                    "");
    }
  };
  // Sends the connection's next request, or leaves it idle when there is no more work.
  auto send_next = [&](size_t i) {
    Connection& c = connections[i];
    if (o.mode == Mode::SignIn) {
      if (c.flow.step < 0 || c.flow.step > 3) {
        if (flows_started == o.people) {
          c.busy = false;
          if (!o.keep_open) c.fd = Fd();  // done: closed, unless told to idle as a browser does
          return;
        }
        ++flows_started;
        c.flow = Flow{};
        c.flow.started = Clock::now();
      }
      send(i, flow_request(c.flow));
      return;
    }
    bool more = o.mode == Mode::Post ? next < bodies.size() : Clock::now() < deadline;
    if (!more) {
      c.busy = false;
      return;
    }
    if (o.mode == Mode::Get) {
      send(i, get(o.path, ""));
    } else {
      send(i, post(o.path, "application/x-www-form-urlencoded", bodies[next++], ""));
    }
  };
  // A sign-in step's answer: the flow moves on, finishes, or fails naming the step.
  auto flow_answer = [&](Connection& c, const loadgen::Response& r) {
    Flow& f = c.flow;
    static const char* names[] = {"auth", "page", "password", "token"};
    auto fail = [&] {
      ++failed;
      ++statuses[std::string(names[f.step]) + " " + std::to_string(r.status)];
      f.step = -1;
    };
    loadgen::store_cookies(r.head, f.cookies);
    switch (f.step) {
      case 0:
        f.interaction = loadgen::between(loadgen::header(r.head, "location"), "interaction=", '&');
        if ((r.status != 302 && r.status != 303) || f.interaction.empty()) return fail();
        break;
      case 1:
        f.csrf = loadgen::between(r.body, "data-csrf=\"", '"');
        if (r.status != 200 || f.csrf.empty()) return fail();
        break;
      case 2:
        f.code = loadgen::between(loadgen::between(r.body, "\"redirectTo\":\"", '"'), "code=", '&');
        if (r.status != 200 || f.code.empty()) return fail();
        break;
      default:
        if (r.status != 200) return fail();
        ++ok;
        ++statuses["200"];
        latencies.push_back(since(f.started));
        f.step = -1;
        return;
    }
    ++f.step;
  };

  for (size_t i = 0; i < connections.size(); ++i) {
    open_connection(i);
    if (o.mode == Mode::SignIn) connections[i].flow.step = -1;
    send_next(i);
  }
  std::vector<epoll_event> events(connections.size());
  std::vector<char> buffer(65536);
  auto busy = [&] {
    return std::any_of(connections.begin(), connections.end(), [](auto& c) { return c.busy; });
  };
  while (busy()) {
    int n = epoll_wait(epoll.get(), events.data(), static_cast<int>(events.size()), 1000);
    for (int e = 0; e < n; ++e) {
      const uint32_t happened = events[static_cast<size_t>(e)].events;
      size_t i = events[static_cast<size_t>(e)].data.u64;
      Connection& c = connections[i];
      if (!c.busy) {
        // An idle connection the server closed (or that sent something unasked): let it go, or
        // its level-triggered event would spin this loop.
        epoll_ctl(epoll.get(), EPOLL_CTL_DEL, c.fd.get(), nullptr);
        c.fd = Fd();
        continue;
      }
      if ((happened & EPOLLOUT) && c.sent < c.out.size()) {
        ssize_t w = ::send(c.fd.get(), c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL);
        if (w > 0) c.sent += static_cast<size_t>(w);
        if (c.sent == c.out.size()) want(i, EPOLLIN);
      }
      if (!(happened & (EPOLLIN | EPOLLHUP | EPOLLERR))) continue;
      ssize_t r = recv(c.fd.get(), buffer.data(), buffer.size(), 0);
      if (r > 0) c.in.append(buffer.data(), static_cast<size_t>(r));
      if (r < 0 && errno == EAGAIN) continue;
      loadgen::Response response =
          r > 0 ? loadgen::read_response(c.in, o.mode == Mode::SignIn) : loadgen::Response{};
      if (response.length > 0) {
        c.in.erase(0, response.length);
        if (o.mode == Mode::SignIn) {
          flow_answer(c, response);
        } else {
          latencies.push_back(since(c.started));
          ++statuses[std::to_string(response.status)];
          (response.status >= 200 && response.status < 300 ? ok : failed) += 1;
        }
        if (response.close) {
          open_connection(i);
        } else {
          c.reused = true;
        }
        send_next(i);
      } else if (r <= 0) {
        // Closed without an answer. On a connection that had answered before, the server may
        // have closed it as idle just as this request left: a browser sends it again on a new
        // connection, and so do we. On a new connection it is a failure.
        bool retry = c.reused;
        std::string request = c.out;
        open_connection(i);
        if (retry) {
          send(i, request);
          continue;
        }
        ++failed;
        ++statuses[o.mode == Mode::SignIn ? "closed" : "0"];
        if (o.mode == Mode::SignIn) c.flow.step = -1;
        send_next(i);
      }
    }
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::sort(latencies.begin(), latencies.end());
  auto at = [&](double q) {
    if (latencies.empty()) return 0.0;
    return latencies[std::min(latencies.size() - 1, static_cast<size_t>(q * latencies.size()))];
  };
  std::string by_status;
  for (const auto& [status, count] : statuses) {
    by_status += (by_status.empty() ? "" : ",") + json_string(status) + ":" + std::to_string(count);
  }
  std::printf(
      "{\"ok\":%zu,\"failed\":%zu,\"statuses\":{%s},\"seconds\":%.4f,\"p50\":%.3f,\"p99\":%.3f,"
      "\"max\":%.3f}\n",
      ok, failed, by_status.c_str(), seconds, at(0.5), at(0.99),
      latencies.empty() ? 0.0 : latencies.back());
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "logto-loadgen: %s\n", e.what());
  return 2;
}
