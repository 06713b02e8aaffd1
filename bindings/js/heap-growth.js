// --js-library: the wasm memory grows to exactly what the allocator asks for. bindings/
// small_heap.cpp already takes memory in power-of-two blocks, so Emscripten's own
// emscripten_resize_heap (geometric over-growth, a heap maximum and a retry loop, half a KB of
// glue) adds nothing. Given after the system libraries, this definition replaces theirs. A
// refused grow (the browser is out of memory, or past wasm32's 4 GiB) answers 0: the allocator
// returns null and the core reports it.
mergeInto(LibraryManager.library, {
  emscripten_resize_heap__deps: ['$emscripten_realloc_buffer'],
  emscripten_resize_heap: function (requestedSize) {
    return emscripten_realloc_buffer(requestedSize >>> 0);
  },
});
