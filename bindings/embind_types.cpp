// embind's own bind.cpp registers every builtin type at start-up (bool, every integer and
// floating type, the wide strings, emscripten::val, eighteen memory views), each registration
// with its name as a string, and names unbound types with sprintf("%p"), which would link
// musl's whole formatter. Our bindings (embind.cpp, crypto_fallback.cpp) pass only void, int
// and std::string, and embind's JavaScript half is ours too (js/embind-runtime.js), which
// names an unbound type by its address without asking the wasm. This file replaces bind.cpp,
// so the linker never takes it from libembind: start-up registers the three types we use. A
// binding that starts using another type fails loudly: the call reports the unbound type.
#include <emscripten/bind.h>

#include <climits>
#include <string>

// A global constructor, as embind's: the types are registered before any binding is called.
extern "C" __attribute__((constructor)) void
__embind_register_native_and_builtin_types() {  // NOLINT: embind's name
  using emscripten::internal::TypeID;
  emscripten::internal::_embind_register_void(TypeID<void>::get(), "void");
  emscripten::internal::_embind_register_integer(TypeID<int>::get(), "int", sizeof(int), INT_MIN,
                                                 INT_MAX);
  emscripten::internal::_embind_register_std_string(TypeID<std::string>::get(), "std::string");
}
