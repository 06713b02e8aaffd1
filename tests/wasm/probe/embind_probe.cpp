// A module built only to test our embind runtime (bindings/js/embind-runtime.js) through
// embind's own C++ API: strings both ways, ints, void, and one type nobody registers.
#include <emscripten/bind.h>

#include <string>

namespace {

std::string echo(const std::string& text) {
  return text;
}
int add(int a, int b) {
  return a + b;
}
int length(const std::string& text) {
  return int(text.size());
}
void nothing() {}
int takes_bool(bool value) {
  return value ? 1 : 0;
}
// The memory's size in 64 KiB pages: it stays put when every string block is freed.
int memory_pages() {
  return int(__builtin_wasm_memory_size(0));
}

}  // namespace

EMSCRIPTEN_BINDINGS(embind_probe) {
  emscripten::function("echo", &echo);
  emscripten::function("add", &add);
  emscripten::function("length", &length);
  emscripten::function("nothing", &nothing);
  emscripten::function("takesBool", &takes_bool);
  emscripten::function("memoryPages", &memory_pages);
}
