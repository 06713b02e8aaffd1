// httplib's server with idle keep-alive connections parked in epoll instead of each holding a
// worker thread. httplib serves a connection on one worker for its whole life, blocking in a
// read until the next request or its keep-alive timeout; a browser that keeps its connection
// open after signing in then holds a thread, and with more such browsers than workers new
// requests queue behind idle sockets (1 000 sign-ins whose connections stay open: 26.8 s against
// 13.5 s when they close). Here a worker serves one request; if the connection stays open it is
// parked, and a small thread hands it back to the workers when its next request arrives.
// Parsing, routing, limits and the response are httplib's own (its protected process_request).
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace provider::http {

class ParkingServer : public httplib::Server {
 public:
  // `workers` serve requests; a parked connection idle for `idle` is closed.
  ParkingServer(size_t workers, std::chrono::seconds idle);
  ~ParkingServer() override;
  ParkingServer(const ParkingServer&) = delete;
  ParkingServer& operator=(const ParkingServer&) = delete;

 private:
  // httplib calls this on one of its own workers for each accepted connection.
  bool process_and_close_socket(socket_t sock) override;
  void park(socket_t sock, size_t served);
  void serve(socket_t sock, size_t served);
  void run_parker();
  static void close_socket(socket_t sock);

  struct Parked {
    std::chrono::steady_clock::time_point since;
    size_t served;
  };
  std::chrono::seconds idle_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;  // an eventfd that stops the parker
  std::mutex mutex_;  // guards parked_
  std::unordered_map<socket_t, Parked> parked_;
  std::atomic<bool> stopping_{false};
  std::unique_ptr<httplib::ThreadPool> workers_;
  std::thread parker_;
};

}  // namespace provider::http
