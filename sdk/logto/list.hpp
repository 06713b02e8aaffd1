// A growable array for the core's element types, with one growth routine for all of them.
// std::vector instantiates its growth (recommend, split buffer, swap out, the slow paths of
// push_back and emplace_back) for every element type, about 0.8 KB of wasm each; here that is
// one out-of-line function that moves the bytes (6.0 KB less wasm for seven element types).
// That needs elements that are trivially relocatable: moving one to another address and
// forgetting the old one must equal a move construction then a destruction there. With libc++
// (the browser module) it holds for every type we put in a List: std::string, our Json,
// Callback and Operation, std::unique_ptr, pairs of those; none keeps a pointer into itself.
// libstdc++'s std::string does (its short-string buffer), so natively the elements are moved
// one by one instead. The doctest suite runs both ways (natively and in the wasm tree).
#pragma once

#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <new>
#include <utility>

namespace logto {
namespace detail {

struct ListBytes {
  char* begin = nullptr;
  char* end = nullptr;
  char* cap = nullptr;
};

// Room for at least `bytes` in all (a doubling, at least), the elements moved bytewise.
void list_reserve(ListBytes& list, size_t bytes);

#ifdef _LIBCPP_VERSION
inline constexpr bool kRelocateBytewise = true;
#else
inline constexpr bool kRelocateBytewise = false;
#endif

}  // namespace detail

template <class T>
class List {
 public:
  using value_type = T;
  using iterator = T*;
  using const_iterator = const T*;

  List() = default;
  // Delegating, so that an element whose copy throws (natively) leaves no others behind.
  List(std::initializer_list<T> items) : List() {
    reserve(items.size());
    for (const T& item : items) place(item);
  }
  List(const List& other) : List() {
    reserve(other.size());
    for (const T& item : other) place(item);
  }
  List(List&& other) noexcept : bytes_(std::exchange(other.bytes_, {})) {}
  List& operator=(List other) noexcept {
    std::swap(bytes_, other.bytes_);
    return *this;
  }
  ~List() {
    clear();
    ::operator delete(bytes_.begin);
  }

  T* begin() { return reinterpret_cast<T*>(bytes_.begin); }
  T* end() { return reinterpret_cast<T*>(bytes_.end); }
  const T* begin() const { return reinterpret_cast<const T*>(bytes_.begin); }
  const T* end() const { return reinterpret_cast<const T*>(bytes_.end); }
  size_t size() const { return size_t(bytes_.end - bytes_.begin) / sizeof(T); }
  bool empty() const { return bytes_.end == bytes_.begin; }
  T& operator[](size_t i) { return begin()[i]; }
  const T& operator[](size_t i) const { return begin()[i]; }
  T& front() { return *begin(); }
  const T& front() const { return *begin(); }
  T& back() { return end()[-1]; }
  const T& back() const { return end()[-1]; }

  void reserve(size_t n) {
    if (n * sizeof(T) > size_t(bytes_.cap - bytes_.begin)) grow(n * sizeof(T));
  }
  template <class... Args>
  T& emplace_back(Args&&... args) {
    if (bytes_.end == bytes_.cap) {
      // Made before the move: an argument may be an element of this list.
      T item(std::forward<Args>(args)...);
      grow(size_t(bytes_.end - bytes_.begin) + sizeof(T));
      return place(std::move(item));
    }
    return place(std::forward<Args>(args)...);
  }
  void push_back(const T& item) { emplace_back(item); }
  void push_back(T&& item) { emplace_back(std::move(item)); }
  void pop_back() {
    bytes_.end -= sizeof(T);
    end()->~T();
  }
  // Removes one element; the ones after it move down.
  T* erase(const T* at) {
    T* p = const_cast<T*>(at);
    if constexpr (detail::kRelocateBytewise) {
      p->~T();
      char* from = reinterpret_cast<char*>(p + 1);
      std::memmove(static_cast<void*>(p), from, size_t(bytes_.end - from));
      bytes_.end -= sizeof(T);
    } else {
      for (T* q = p; q + 1 != end(); ++q) *q = std::move(q[1]);
      pop_back();
    }
    return p;
  }
  void clear() {
    for (T& item : *this) item.~T();
    bytes_.end = bytes_.begin;
  }

  friend bool operator==(const List& a, const List& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!(a[i] == b[i])) return false;
    }
    return true;
  }
  friend bool operator!=(const List& a, const List& b) { return !(a == b); }

 private:
  void grow(size_t bytes) {
    if constexpr (detail::kRelocateBytewise) {
      detail::list_reserve(bytes_, bytes);
    } else {
      size_t capacity = size_t(bytes_.cap - bytes_.begin);
      size_t wanted = capacity * 2 > bytes ? capacity * 2 : bytes;
      auto* fresh = static_cast<char*>(::operator new(wanted));
      char* out = fresh;
      for (T& item : *this) {
        new (out) T(std::move(item));
        item.~T();
        out += sizeof(T);
      }
      ::operator delete(bytes_.begin);
      bytes_ = {fresh, out, fresh + wanted};
    }
  }

  template <class... Args>
  T& place(Args&&... args) {
    T* p = new (end()) T(std::forward<Args>(args)...);
    bytes_.end += sizeof(T);
    return *p;
  }

  detail::ListBytes bytes_;
};

}  // namespace logto
