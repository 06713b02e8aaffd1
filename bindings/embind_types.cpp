// embind's own bind.cpp registers every builtin type at start-up (bool, every integer and
// floating type, the wide strings, emscripten::val, eighteen memory views), each registration
// with its name as a string, and names unbound types with sprintf("%p"), which would link
// musl's whole formatter. Our bindings (embind.cpp, crypto_fallback.cpp) pass only void, int
// and std::string. This file defines the two symbols bind.cpp would bring, so the linker never
// takes it from libembind: start-up registers the three types we use, and a type's name is its
// address in hex. A binding that starts using another type fails loudly: embind reports the
// unbound type (by that name) when the function is called.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <typeinfo>

extern "C" {

// Called by the glue only to name a type in an "unbound types" error; the glue frees it.
EMSCRIPTEN_KEEPALIVE const char* __getTypeName(
    const std::type_info* type) {  // NOLINT: embind's name
  auto value = reinterpret_cast<uintptr_t>(type);
  char digits[2 * sizeof(uintptr_t)];
  int n = 0;
  do {
    digits[n++] = "0123456789abcdef"[value & 0xf];
    value >>= 4;
  } while (value != 0);
  auto* out = static_cast<char*>(std::malloc(n + 3));
  if (!out) return nullptr;
  int length = 0;
  out[length++] = '0';
  out[length++] = 'x';
  while (n > 0) out[length++] = digits[--n];
  out[length] = '\0';
  return out;
}

// A global constructor, as embind's: the types are registered before any binding is.
EMSCRIPTEN_KEEPALIVE __attribute__((constructor)) void
__embind_register_native_and_builtin_types() {  // NOLINT: embind's name
  using emscripten::internal::TypeID;
  emscripten::internal::_embind_register_void(TypeID<void>::get(), "void");
  emscripten::internal::_embind_register_integer(TypeID<int>::get(), "int", sizeof(int), INT_MIN,
                                                 INT_MAX);
  emscripten::internal::_embind_register_std_string(TypeID<std::string>::get(), "std::string");
}
}
