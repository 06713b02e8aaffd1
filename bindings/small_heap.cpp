// The browser module's allocator, in place of emmalloc (linked with -sMALLOC=none): 1.8 KB of
// wasm for a heap that holds a few hundred small strings at a time. Blocks come in power-of-two
// sizes from 16 bytes; a freed block goes on its size's free list and is handed out again for
// that size, never split, merged or given back. So the heap stays at the peak of each size
// (an operation's strings and a response body or two), which for this SDK is tens of KB.
// Single-threaded, as the module is.
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <emscripten/heap.h>

extern "C" unsigned char __heap_base;  // where the linker ends static data and the stack

namespace {

// Before each payload: its size class. Eight bytes keep payloads 8-byte aligned (the break
// starts 16-aligned and only ever grows by whole blocks).
constexpr std::size_t kHeader = 8;
static_assert(alignof(std::max_align_t) <= kHeader, "payloads must suit any fundamental type");
constexpr int kSmallest = 4;  // 16-byte blocks
constexpr int kLargest = 31;  // 2 GiB, the most a wasm32 heap can hold

void* free_lists[kLargest + 1];
std::uintptr_t heap_end = 0;  // the break: memory past it is not handed out yet

// `size` more bytes at the break, growing the wasm memory (and the glue's views of it) as
// emmalloc's sbrk would; nullptr when the browser refuses more memory.
void* more(std::size_t size) {
  if (!heap_end) heap_end = (std::uintptr_t(&__heap_base) + 15) & ~std::uintptr_t(15);
  std::uintptr_t end = heap_end + size;
  if (end < heap_end) return nullptr;
  if (end > __builtin_wasm_memory_size(0) * WASM_PAGE_SIZE && !emscripten_resize_heap(end)) {
    return nullptr;
  }
  void* block = reinterpret_cast<void*>(heap_end);
  heap_end = end;
  return block;
}

// The smallest class whose block holds `size` bytes after the header, or 0 if none does.
int size_class(std::size_t size) {
  if (size > (std::size_t(1) << kLargest) - kHeader) return 0;
  int k = kSmallest;
  while ((std::size_t(1) << k) - kHeader < size) ++k;
  return k;
}

int class_of(void* payload) {
  std::uint32_t k;
  std::memcpy(&k, static_cast<char*>(payload) - kHeader, sizeof k);
  return int(k);
}

}  // namespace

extern "C" {

void* malloc(std::size_t size) {
  int k = size_class(size);
  if (!k) return nullptr;
  char* payload = static_cast<char*>(free_lists[k]);
  if (payload) {
    std::memcpy(&free_lists[k], payload, sizeof(void*));  // the next free block of this class
    return payload;
  }
  void* block = more(std::size_t(1) << k);
  if (!block) return nullptr;
  std::uint32_t header = std::uint32_t(k);
  std::memcpy(block, &header, sizeof header);
  return static_cast<char*>(block) + kHeader;
}

void free(void* payload) {
  if (!payload) return;
  int k = class_of(payload);
  std::memcpy(payload, &free_lists[k], sizeof(void*));
  free_lists[k] = payload;
}

void* calloc(std::size_t count, std::size_t size) {
  if (size && count > std::size_t(-1) / size) return nullptr;
  void* p = malloc(count * size);
  if (p) std::memset(p, 0, count * size);
  return p;
}

void* realloc(void* payload, std::size_t size) {
  if (!payload) return malloc(size);
  std::size_t room = (std::size_t(1) << class_of(payload)) - kHeader;
  if (size <= room) return payload;
  void* moved = malloc(size);
  if (moved) {
    std::memcpy(moved, payload, room);
    free(payload);
  }
  return moved;
}

}  // extern "C"
