// embind's __getTypeName (in its RTTI-free form) writes a type's address with sprintf("%p"), the
// only printf call in the browser module; it would link musl's whole formatter (printf_core and
// its helpers, about 3.7 KB of code). This sprintf does that one thing: "%p" as 0x + lowercase
// hex. Any other format writes an empty string and returns -1, so a new caller shows at once.
// Clang compiles that call to siprintf (its integer-only variant); linked with --wrap=siprintf
// (bindings/CMakeLists.txt), calls to it come here.
#include <cstdarg>
#include <cstdint>

extern "C" int __wrap_siprintf(char* out, const char* format, ...) {  // NOLINT: linker --wrap
  if (!(format[0] == '%' && format[1] == 'p' && format[2] == '\0')) {
    out[0] = '\0';
    return -1;
  }
  va_list args;
  va_start(args, format);
  auto value = reinterpret_cast<uintptr_t>(va_arg(args, void*));
  va_end(args);
  char digits[2 * sizeof(uintptr_t)];
  int n = 0;
  do {
    digits[n++] = "0123456789abcdef"[value & 0xf];
    value >>= 4;
  } while (value != 0);
  int length = 0;
  out[length++] = '0';
  out[length++] = 'x';
  while (n > 0) out[length++] = digits[--n];
  out[length] = '\0';
  return length;
}
