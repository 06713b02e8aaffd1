// A copyable callable like std::function, built for size: copies share one heap object, so
// each lambda type costs only its call and destructor, not std::function's clone/target
// machinery and a copy constructor for everything it captured. The client's continuations
// are hundreds of lambdas, and in WebAssembly that difference is kilobytes of download.
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

  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Callback>>>
  Callback(F f)  // NOLINT: implicit, as std::function's
      : impl_(std::unique_ptr<Base>(std::make_unique<Impl<F>>(std::move(f)))) {}

  R operator()(Args... args) const { return impl_->call(std::forward<Args>(args)...); }
  explicit operator bool() const { return impl_ != nullptr; }

 private:
  struct Base {
    virtual ~Base() = default;
    virtual R call(Args... args) = 0;
  };
  template <class F>
  struct Impl final : Base {
    explicit Impl(F f) : fn(std::move(f)) {}
    R call(Args... args) override { return fn(std::forward<Args>(args)...); }
    F fn;
  };
  // From a unique_ptr<Base>, so every lambda shares one control-block type.
  std::shared_ptr<Base> impl_;
};

}  // namespace logto
