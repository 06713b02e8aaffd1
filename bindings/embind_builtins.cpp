// embind registers every builtin type at start-up (bind.cpp), and each registration is a
// function of the JavaScript glue. Our bindings (embind.cpp) pass only void, int and
// std::string; the registrations below are linked away (--wrap, bindings/CMakeLists.txt) so the
// glue does not carry the bool, wide-string, memory-view, emscripten::val and floating-point
// converters (about 1.7 KB gzip), and start-up makes three registrations instead of twenty. A
// binding that needs one of these types fails to register loudly: embind reports the unbound
// type when the function is called.
#include <cstddef>
#include <cstring>

extern "C" {
void __real__embind_register_integer(const void*, const char*, std::size_t, long, unsigned long);
void __real__embind_register_std_string(const void*, const char*);

void __wrap__embind_register_integer(const void* type, const char* name, std::size_t size, long min,
                                     unsigned long max) {
  if (std::strcmp(name, "int") == 0) __real__embind_register_integer(type, name, size, min, max);
}
void __wrap__embind_register_std_string(const void* type, const char* name) {
  if (std::strcmp(name, "std::string") == 0) __real__embind_register_std_string(type, name);
}
void __wrap__embind_register_bool(const void*, const char*, std::size_t, bool, bool) {}
void __wrap__embind_register_std_wstring(const void*, std::size_t, const char*) {}
void __wrap__embind_register_memory_view(const void*, unsigned, const char*) {}
void __wrap__embind_register_emval(const void*, const char*) {}
void __wrap__embind_register_float(const void*, const char*, std::size_t) {}
void __wrap__embind_register_bigint(const void*, const char*, std::size_t, long long,
                                    unsigned long long) {}
}
