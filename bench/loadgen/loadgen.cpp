// The benchmarks' HTTP/1.1 load generator: N keep-alive connections on one epoll thread. The
// servers under test share this machine's two cores with whatever drives them, and Node's fetch
// or autocannon spend about as much CPU per request as the server does, which caps both sides
// and squeezes every ratio toward 1. This costs a few microseconds a request.
//
//   logto-loadgen --port P [--host H] [--connections N] --get PATH --seconds S
//   logto-loadgen --port P [--host H] [--connections N] --post PATH --bodies FILE
//
// --get repeats one GET for S seconds; --post sends each line of FILE once as a form body.
// Prints one JSON line: {"ok", "failed", "statuses", "seconds", "p50", "p99", "max"} (ms).
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

struct Options {
  std::string host = "127.0.0.1", path, bodies_file;
  int port = 0, connections = 50;
  bool post = false;
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
      o.path = value;
    else if (flag == "--post")
      o.path = value, o.post = true;
    else if (flag == "--seconds")
      o.seconds = std::stod(value);
    else if (flag == "--bodies")
      o.bodies_file = value;
    else
      throw std::runtime_error("unknown option " + flag);
  }
  if (o.port <= 0 || o.path.empty() || (o.post ? o.bodies_file.empty() : o.seconds <= 0)) {
    throw std::runtime_error(
        "usage: logto-loadgen --port P [--host H] [--connections N] (--get PATH --seconds S | "
        "--post PATH --bodies FILE)");
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

struct Connection {
  Fd fd;
  std::string out, in;
  size_t sent = 0;
  Clock::time_point started;
  bool busy = false;
};

// A complete response at the start of `in`: its length and status, or 0 while incomplete.
size_t complete_response(const std::string& in, int& status, bool& close) {
  size_t head_end = in.find("\r\n\r\n");
  if (head_end == std::string::npos) return 0;
  std::string head = in.substr(0, head_end);
  std::string lower = head;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  status = std::atoi(head.c_str() + head.find(' ') + 1);
  close = lower.find("\r\nconnection: close") != std::string::npos;
  size_t body_start = head_end + 4;
  size_t at = lower.find("\r\ncontent-length:");
  if (at != std::string::npos) {
    size_t length = std::strtoul(lower.c_str() + at + 17, nullptr, 10);
    return in.size() >= body_start + length ? body_start + length : 0;
  }
  if (lower.find("\r\ntransfer-encoding: chunked") != std::string::npos) {
    size_t end = in.find("\r\n0\r\n\r\n", body_start - 2);
    return end == std::string::npos ? 0 : end + 7;
  }
  return body_start;  // no body (204, 304) or one we do not read
}

}  // namespace

int main(int argc, char** argv) try {
  Options o = parse_options(argc, argv);
  std::vector<std::string> bodies;
  if (o.post) {
    std::ifstream file(o.bodies_file);
    for (std::string line; std::getline(file, line);) {
      if (!line.empty()) bodies.push_back(line);
    }
  }
  std::string host_header = "Host: " + o.host + ":" + std::to_string(o.port) + "\r\n";
  auto request = [&](size_t n) {
    if (!o.post) return "GET " + o.path + " HTTP/1.1\r\n" + host_header + "\r\n";
    const std::string& body = bodies[n];
    return "POST " + o.path + " HTTP/1.1\r\n" + host_header +
           "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
  };

  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(o.port));
  if (inet_pton(AF_INET, o.host.c_str(), &address.sin_addr) != 1) {
    throw std::runtime_error("--host must be an IPv4 address");
  }
  Fd epoll(epoll_create1(0));
  std::vector<Connection> connections(static_cast<size_t>(o.connections));
  auto open_connection = [&](size_t i) {
    Connection& c = connections[i];
    c.fd = Fd(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
    int one = 1;
    setsockopt(c.fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(c.fd.get(), reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 &&
        errno != EINPROGRESS) {
      throw std::runtime_error(std::string("connect: ") + std::strerror(errno));
    }
    epoll_event event{};
    event.events = EPOLLIN | EPOLLOUT;
    event.data.u64 = i;
    epoll_ctl(epoll.get(), EPOLL_CTL_ADD, c.fd.get(), &event);
    c.in.clear();
  };

  size_t next = 0, ok = 0, failed = 0;
  std::map<int, size_t> statuses;
  std::vector<double> latencies;
  const auto start = Clock::now();
  const auto deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  auto more = [&] { return o.post ? next < bodies.size() : Clock::now() < deadline; };
  auto send_next = [&](size_t i) {
    Connection& c = connections[i];
    if (!more()) {
      c.busy = false;
      return;
    }
    c.out = request(next++);
    c.sent = 0;
    c.busy = true;
    c.started = Clock::now();
    epoll_event event{};
    event.events = EPOLLIN | EPOLLOUT;
    event.data.u64 = i;
    epoll_ctl(epoll.get(), EPOLL_CTL_MOD, c.fd.get(), &event);
  };
  for (size_t i = 0; i < connections.size(); ++i) {
    open_connection(i);
    send_next(i);
  }
  std::vector<epoll_event> events(connections.size());
  char buffer[65536];
  auto busy = [&] {
    return std::any_of(connections.begin(), connections.end(), [](auto& c) { return c.busy; });
  };
  while (busy()) {
    int n = epoll_wait(epoll.get(), events.data(), static_cast<int>(events.size()), 1000);
    for (int e = 0; e < n; ++e) {
      size_t i = events[static_cast<size_t>(e)].data.u64;
      Connection& c = connections[i];
      if (!c.busy) continue;
      if ((events[static_cast<size_t>(e)].events & EPOLLOUT) && c.sent < c.out.size()) {
        ssize_t w = send(c.fd.get(), c.out.data() + c.sent, c.out.size() - c.sent, MSG_NOSIGNAL);
        if (w > 0) c.sent += static_cast<size_t>(w);
        if (c.sent == c.out.size()) {
          epoll_event event{};
          event.events = EPOLLIN;
          event.data.u64 = i;
          epoll_ctl(epoll.get(), EPOLL_CTL_MOD, c.fd.get(), &event);
        }
      }
      if (!(events[static_cast<size_t>(e)].events & (EPOLLIN | EPOLLHUP | EPOLLERR))) continue;
      ssize_t r = recv(c.fd.get(), buffer, sizeof buffer, 0);
      if (r > 0) c.in.append(buffer, static_cast<size_t>(r));
      int status = 0;
      bool close_after = false;
      size_t length = r > 0 ? complete_response(c.in, status, close_after) : 0;
      if (length > 0) {
        latencies.push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - c.started).count());
        ++statuses[status];
        (status >= 200 && status < 300 ? ok : failed) += 1;
        c.in.erase(0, length);
        if (close_after) open_connection(i);
        send_next(i);
      } else if (r == 0 || (r < 0 && errno != EAGAIN)) {
        ++failed;  // the server closed mid-request: count it, reconnect, go on
        ++statuses[0];
        open_connection(i);
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
    by_status += (by_status.empty() ? "" : ",") + std::string("\"") + std::to_string(status) +
                 "\":" + std::to_string(count);
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
