// embind registers every builtin type at start-up (bind.cpp), and each registration is a
// function of the JavaScript glue. Our bindings pass only void, bool, integers and std::string;
// the registrations below are linked away (--wrap, bindings/CMakeLists.txt) so the glue does not
// carry the wide-string codecs, memory views, emscripten::val and floating-point converters
// (about 1.5 KB gzip). A binding that needs one of these types fails to register loudly: embind
// reports the unbound type when the function is called.
#include <cstddef>

extern "C" {
void __wrap__embind_register_std_wstring(const void*, std::size_t, const char*) {}
void __wrap__embind_register_memory_view(const void*, unsigned, const char*) {}
void __wrap__embind_register_emval(const void*, const char*) {}
void __wrap__embind_register_float(const void*, const char*, std::size_t) {}
void __wrap__embind_register_bigint(const void*, const char*, std::size_t, long long,
                                    unsigned long long) {}
}
