// A copyable callable like std::function, built for size: copies share one heap object with an
// intrusive count, so each lambda type costs only its call and destructor, not std::function's
// clone/target machinery, a copy constructor for everything it captured, or a shared_ptr
// control block. The client's continuations are dozens of lambdas, and in WebAssembly that
// difference is kilobytes of download.
#pragma once

#include <memory>
#include <type_traits>
#include <utility>

namespace logto {

template <class Signature>
class Callback;

template <class R, class... Args>
class Callback<R(Args...)> {
 public:
  Callback() = default;

  // The callable is forwarded into its Impl, not taken by value first: a lambda's captures
  // (strings, callbacks) are moved once, where a by-value parameter moved them twice and
  // destroyed the emptied copy, at every continuation's construction. The Impl is owned by
  // this Callback (released from the unique_ptr only once it is built).
  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Callback>>>
  Callback(F&& f)  // NOLINT: implicit, as std::function's
      : impl_(std::make_unique<Impl<std::decay_t<F>>>(std::forward<F>(f)).release()) {}

  Callback(const Callback& other) noexcept : impl_(other.impl_) { retain(); }
  Callback(Callback&& other) noexcept : impl_(std::exchange(other.impl_, nullptr)) {}
  Callback& operator=(Callback other) noexcept {
    std::swap(impl_, other.impl_);
    return *this;
  }
  ~Callback() { release(); }

  R operator()(Args... args) const { return impl_->call(std::forward<Args>(args)...); }
  explicit operator bool() const { return impl_ != nullptr; }

 private:
  struct Base {
    virtual ~Base() = default;
    virtual R call(Args... args) = 0;
    int refs = 1;
  };
  template <class F>
  struct Impl final : Base {
    template <class G>
    explicit Impl(G&& f) : fn(std::forward<G>(f)) {}
    R call(Args... args) override { return fn(std::forward<Args>(args)...); }
    F fn;
  };

  // Out of line on purpose: one copy per signature instead of one per call site.
  [[gnu::noinline]] void retain() const {
    if (impl_) ++impl_->refs;
  }
  [[gnu::noinline]] void release() {
    if (impl_ && --impl_->refs == 0) delete impl_;
    impl_ = nullptr;
  }

  Base* impl_ = nullptr;
};

}  // namespace logto
