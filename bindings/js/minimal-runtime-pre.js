// --pre-js of the browser module, fixing two gaps of Emscripten 3.1.6's MINIMAL_RUNTIME (which
// we use because its glue is 1.8 KB gzip smaller than the full runtime's).
//
// 1. It instantiates the wasm without a rejection handler, so a failure (a Content-Security-
//    Policy without 'wasm-unsafe-eval', say) would leave the module's ready promise pending
//    forever. This local WebAssembly, which the runtime's code below sees instead of the global
//    one, rejects that promise with the browser's error, so the SDK can say why it cannot start.
//    It also takes a Response for `wasm` (the SDK's loaders pass one: the split build's fetch,
//    the embedded build's inflating stream) and compiles it while it arrives; a server that
//    sends the file without `application/wasm` (which streaming requires) gets the same module
//    from its bytes. The MIME type is checked up front rather than by trying: trying needed a
//    clone of the response, and teeing the stream cost 5 % of cold load (docs/performance.md).
var WebAssembly = Object.assign(Object.create(globalThis.WebAssembly), {
  instantiate: function (source, imports) {
    var wasm = globalThis.WebAssembly;
    var started =
      typeof Response == 'function' && source instanceof Response
        ? wasm.instantiateStreaming &&
          /^application\/wasm\b/i.test(source.headers.get('content-type') || '')
          ? wasm.instantiateStreaming(source, imports)
          : source.arrayBuffer().then(function (bytes) {
              return wasm.instantiate(bytes, imports);
            })
        : wasm.instantiate(source, imports);
    return started.catch(function (error) {
      readyPromiseReject(error);
      return new Promise(function () {});
    });
  },
});

// 2. It assigns the instance's exports to an undeclared `asm` when embind is linked; in an ES
//    module (strict code) that is a ReferenceError. Declared here.
var asm;
