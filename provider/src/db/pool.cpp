#include "db/pool.hpp"

#include <utility>

namespace provider::db {
namespace {

// What this thread holds, per pool: the connection and how many leases share it.
struct Held {
  ConnectionPool* pool;
  Database* db;
  int depth;
};
thread_local std::vector<Held> held;

Held* holding(ConnectionPool* pool) {
  for (auto& h : held) {
    if (h.pool == pool) return &h;
  }
  return nullptr;
}

}  // namespace

Lease::Lease(Lease&& other) noexcept : pool_(std::exchange(other.pool_, nullptr)), db_(other.db_) {}

Lease::~Lease() {
  if (pool_) pool_->release(db_);
}

ConnectionPool::ConnectionPool(std::string path, size_t size)
    : path_(std::move(path)), size_(size < 1 ? 1 : size) {}

Lease ConnectionPool::acquire() {
  if (Held* h = holding(this)) {
    ++h->depth;
    return Lease(this, h->db);
  }
  std::unique_lock<std::mutex> lock(mutex_);
  Database* db = nullptr;
  if (!free_.empty()) {
    db = free_.back();
    free_.pop_back();
  } else if (all_.size() < size_) {
    all_.push_back(nullptr);  // the slot is ours; opening happens outside the lock
    lock.unlock();
    try {
      auto opened = open_database(path_);
      db = opened.get();
      lock.lock();
      for (auto& slot : all_) {
        if (!slot) {
          slot = std::move(opened);
          break;
        }
      }
    } catch (...) {
      lock.lock();
      for (auto it = all_.begin(); it != all_.end(); ++it) {
        if (!*it) {
          all_.erase(it);
          break;
        }
      }
      available_.notify_one();
      throw;
    }
  } else {
    available_.wait(lock, [this] { return !free_.empty(); });
    db = free_.back();
    free_.pop_back();
  }
  held.push_back({this, db, 1});
  return Lease(this, db);
}

void ConnectionPool::release(Database* db) {
  Held* h = holding(this);
  if (h && --h->depth > 0) return;
  for (auto it = held.begin(); it != held.end(); ++it) {
    if (it->pool == this) {
      held.erase(it);
      break;
    }
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(db);
  }
  available_.notify_one();
}

}  // namespace provider::db
