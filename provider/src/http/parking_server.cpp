#include "http/parking_server.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>
#include <string>
#include <vector>

namespace provider::http {
namespace {

// A numeric address and port, as httplib gives them in Request::remote_addr/local_addr.
struct Endpoint {
  std::string ip;
  int port = 0;
};

template <typename Get>
Endpoint endpoint(Get get, socket_t sock) {
  Endpoint out;
  sockaddr_storage addr{};
  socklen_t length = sizeof addr;
  if (get(sock, reinterpret_cast<sockaddr*>(&addr), &length) != 0) return out;
  char host[NI_MAXHOST];
  if (getnameinfo(reinterpret_cast<sockaddr*>(&addr), length, host, sizeof host, nullptr, 0,
                  NI_NUMERICHOST) == 0) {
    out.ip = host;
  }
  out.port = addr.ss_family == AF_INET6 ? ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port)
                                        : ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  return out;
}

// One request's stream over a connected socket, as httplib's own SocketStream: reads are
// buffered (httplib reads request lines a byte at a time), and each read or write waits at most
// its timeout.
class SocketStream final : public httplib::Stream {
 public:
  SocketStream(socket_t sock, const Endpoint& remote, const Endpoint& local, int read_timeout_ms,
               int write_timeout_ms)
      : sock_(sock),
        remote_(remote),
        local_(local),
        read_timeout_ms_(read_timeout_ms),
        write_timeout_ms_(write_timeout_ms) {}

  bool is_readable() const override { return wait(POLLIN, read_timeout_ms_); }
  bool is_writable() const override { return wait(POLLOUT, write_timeout_ms_); }

  ssize_t read(char* ptr, size_t size) override {
    if (offset_ < filled_) {
      size_t n = std::min(size, filled_ - offset_);
      std::copy(buffer_ + offset_, buffer_ + offset_ + n, ptr);
      offset_ += n;
      return static_cast<ssize_t>(n);
    }
    if (size >= sizeof buffer_) return receive(ptr, size);
    ssize_t n = receive(buffer_, sizeof buffer_);
    if (n <= 0) return n;
    filled_ = static_cast<size_t>(n);
    offset_ = 0;
    return read(ptr, size);
  }

  // Reads and writes try the socket first and wait only when it is not ready: a request has
  // usually arrived and a response usually fits the send buffer, so this saves a poll per call.
  ssize_t write(const char* ptr, size_t size) override {
    ssize_t n = no_eintr([&] { return ::send(sock_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT); });
    if (n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) return n;
    if (!is_writable()) return -1;
    return no_eintr([&] { return ::send(sock_, ptr, size, MSG_NOSIGNAL); });
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = remote_.ip;
    port = remote_.port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = local_.ip;
    port = local_.port;
  }
  socket_t socket() const override { return sock_; }

 private:
  bool wait(short events, int timeout_ms) const {
    pollfd p{sock_, events, 0};
    int n;
    do {
      n = ::poll(&p, 1, timeout_ms);
    } while (n < 0 && errno == EINTR);
    return n > 0 && !(p.revents & (POLLERR | POLLNVAL));
  }
  template <typename Call>
  static ssize_t no_eintr(Call call) {
    ssize_t n;
    do {
      n = call();
    } while (n < 0 && errno == EINTR);
    return n;
  }
  ssize_t receive(char* ptr, size_t size) {
    ssize_t n = no_eintr([&] { return ::recv(sock_, ptr, size, MSG_DONTWAIT); });
    if (n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) return n;
    if (!is_readable()) return -1;
    return no_eintr([&] { return ::recv(sock_, ptr, size, 0); });
  }
  socket_t sock_;
  const Endpoint& remote_;
  const Endpoint& local_;
  int read_timeout_ms_, write_timeout_ms_;
  char buffer_[4096];
  size_t offset_ = 0, filled_ = 0;
};

// How long a worker waits for a connection's next request before parking it.
constexpr int kLingerMs = 5;

int milliseconds(time_t seconds, time_t microseconds) {
  return static_cast<int>(seconds * 1000 + microseconds / 1000);
}

}  // namespace

ParkingServer::ParkingServer(size_t workers, std::chrono::seconds idle)
    : idle_(idle), workers_(std::make_unique<httplib::ThreadPool>(workers)) {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (epoll_fd_ < 0 || wake_fd_ < 0) throw std::runtime_error("epoll/eventfd failed");
  epoll_event wake{};
  wake.events = EPOLLIN;
  wake.data.fd = wake_fd_;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &wake);
  parker_ = std::thread([this] { run_parker(); });
}

ParkingServer::~ParkingServer() {
  stopping_ = true;
  uint64_t one = 1;
  if (::write(wake_fd_, &one, sizeof one) < 0) {
    // The parker also wakes on its one-second tick and sees stopping_.
  }
  parker_.join();
  workers_->shutdown();  // requests in progress finish; their connections are closed
  for (const auto& [sock, parked] : parked_) close_socket(sock);
  ::close(wake_fd_);
  ::close(epoll_fd_);
}

void ParkingServer::close_socket(socket_t sock) {
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
}

bool ParkingServer::process_and_close_socket(socket_t sock) {
  int one = 1;
  setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  // A new connection waits for its first request parked like any other.
  park(sock, 0);
  return true;
}

void ParkingServer::park(socket_t sock, size_t served) {
  if (stopping_ || svr_sock_ == INVALID_SOCKET) return close_socket(sock);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    parked_[sock] = {std::chrono::steady_clock::now(), served};
  }
  epoll_event event{};
  event.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
  event.data.fd = sock;
  if (epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, sock, &event) != 0) {
    std::lock_guard<std::mutex> lock(mutex_);
    parked_.erase(sock);
    close_socket(sock);
  }
}

void ParkingServer::serve(socket_t sock, size_t served) {
  // A connection's addresses do not change: looked up once per turn on a worker rather than
  // for every request (two system calls and two getnameinfo each).
  const Endpoint remote = endpoint(getpeername, sock), local = endpoint(getsockname, sock);
  for (;;) {
    SocketStream stream(sock, remote, local, milliseconds(read_timeout_sec_, read_timeout_usec_),
                        milliseconds(write_timeout_sec_, write_timeout_usec_));
    // The last request a connection may carry, or the server is stopping: answered with
    // "Connection: close".
    bool last = served + 1 >= keep_alive_max_count_ || stopping_ || svr_sock_ == INVALID_SOCKET;
    bool closed = false;
    bool ok = process_request(stream, last, closed, nullptr);
    if (!ok || closed || last) return close_socket(sock);
    ++served;
    // A busy client sends its next request within a round trip: waiting a moment for it here
    // costs less than parking and waking (measured: a third more CPU per JWKS answer).
    pollfd p{sock, POLLIN, 0};
    if (::poll(&p, 1, kLingerMs) <= 0 || (p.revents & (POLLERR | POLLNVAL))) break;
  }
  park(sock, served);
}

void ParkingServer::run_parker() {
  std::vector<epoll_event> events(256);
  auto last_sweep = std::chrono::steady_clock::now();
  while (!stopping_) {
    int n = epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), 1000);
    for (int i = 0; i < n; ++i) {
      socket_t sock = events[static_cast<size_t>(i)].data.fd;
      if (sock == wake_fd_) continue;
      size_t served = 0;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        auto found = parked_.find(sock);
        if (found == parked_.end()) continue;  // closed as idle meanwhile
        served = found->second.served;
        parked_.erase(found);
      }
      epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, sock, nullptr);
      // Readable: a request, or the client closed (the worker reads the end and closes).
      workers_->enqueue([this, sock, served] { serve(sock, served); });
    }
    auto now = std::chrono::steady_clock::now();
    if (now - last_sweep < std::chrono::seconds(1)) continue;
    last_sweep = now;
    std::vector<socket_t> expired;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (auto it = parked_.begin(); it != parked_.end();) {
        if (now - it->second.since >= idle_) {
          expired.push_back(it->first);
          it = parked_.erase(it);
        } else {
          ++it;
        }
      }
    }
    for (socket_t sock : expired) {
      epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, sock, nullptr);
      close_socket(sock);
    }
  }
}

}  // namespace provider::http
