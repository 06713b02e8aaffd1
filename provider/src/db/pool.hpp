// A few SQLite connections shared by every thread, leased per use. One connection per worker
// thread cost 123.6 KiB each, 256 workers ~31 MiB (docs/performance.md); the work done on the
// database is short, so a small pool serves them all. A lease is meant for one store call
// (`store::f(ctx.db(), ...)` holds it until the end of that expression), never across slow work
// (Argon2, signing, an outgoing HTTP call). A thread that holds a lease and asks again gets the
// same connection, so nested calls and transactions never wait on the pool.
#pragma once

#include "db/database.hpp"

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace provider::db {

class ConnectionPool;

class Lease {
 public:
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Lease(Lease&& other) noexcept;
  Lease& operator=(Lease&&) = delete;
  ~Lease();

  Database& get() const { return *db_; }
  operator Database&() const { return *db_; }  // NOLINT: a lease stands for its connection
  Database* operator->() const { return db_; }

 private:
  friend class ConnectionPool;
  Lease(ConnectionPool* pool, Database* db) : pool_(pool), db_(db) {}
  ConnectionPool* pool_;  // nullptr once moved from
  Database* db_;
};

class ConnectionPool {
 public:
  // Opens connections to `path` on demand, at most `size` at once.
  ConnectionPool(std::string path, size_t size);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Waits for a free connection unless this thread holds one from this pool already.
  Lease acquire();

 private:
  friend class Lease;
  void release(Database* db);

  std::string path_;
  size_t size_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Database>> all_;
  std::vector<Database*> free_;
};

}  // namespace provider::db
