// embind's JavaScript half for what our bindings register: free functions over void, int and
// std::string (bindings/embind_types.cpp registers those three and no other type). Given after
// --bind on the link line, these definitions replace embind.js's of the same names, and the
// general machinery those pulled in (overload tables, type-dependency resolution, named-function
// and error-class factories, 64-bit dynCalls, Latin-1 tables: 12 KB of the glue, 3.6 KB gzip)
// is no longer linked. The C++ side is embind's own: EMSCRIPTEN_BINDINGS, emscripten::function,
// its wire types and these registration calls. docs/wasm-size.md has the figure.
//
// What a function does when called: check the argument count, convert each argument by its
// registered type (a string is copied into a malloc'd {length, bytes} block, freed after the
// call, as embind does), call the invoker from the table, convert the result (a returned
// string block is read and freed). A type without a registration fails the call and names
// the type, as embind's "unbound types" error does.
mergeInto(LibraryManager.library, {
  $embindTypes: {},
  // An int crosses as itself (the wasm call converts it); void's one value is undefined.
  $embindSame: function (value) {
    return value;
  },

  _embind_register_void__deps: ['$embindTypes'],
  _embind_register_void: function (rawType) {
    embindTypes[rawType] = { toWire: function () {}, fromWire: function () {} };
  },

  _embind_register_integer__deps: ['$embindTypes', '$embindSame'],
  _embind_register_integer: function (rawType) {
    embindTypes[rawType] = { toWire: embindSame, fromWire: embindSame };
  },

  // A string as UTF-8 in a new malloc'd block, NUL-terminated, after its byte length when
  // `counted` (embind's std::string wire form). TextEncoder, where the glue's own encoder is a
  // character loop of 1 KB; a lone surrogate becomes U+FFFD, as in any UTF-8 the browser writes.
  // Also used by the storage port (bindings/browser_ports.cpp), which every module with it links.
  $utf8Block__deps: ['malloc'],
  $utf8Block: function (text, counted) {
    var bytes = new TextEncoder().encode(text);
    var start = counted ? 4 : 0;
    var block = _malloc(start + bytes.length + 1);
    if (counted) HEAPU32[block >> 2] = bytes.length;
    HEAPU8.set(bytes, block + start);
    HEAPU8[block + start + bytes.length] = 0;
    return block;
  },

  _embind_register_std_string__deps: ['$embindTypes', '$utf8Block', 'free'],
  _embind_register_std_string: function (rawType) {
    var decoder = new TextDecoder();
    embindTypes[rawType] = {
      toWire: function (value, blocks) {
        if (typeof value != 'string') throw new TypeError('Cannot pass non-string to std::string');
        var block = utf8Block(value, true);
        blocks.push(block);
        return block;
      },
      fromWire: function (block) {
        var text = decoder.decode(HEAPU8.subarray(block + 4, block + 4 + HEAPU32[block >> 2]));
        _free(block);
        return text;
      },
    };
  },

  _embind_register_function__deps: ['$embindTypes', '$getWasmTableEntry', 'free'],
  _embind_register_function: function (name, argCount, rawArgTypesAddr, signature, rawInvoker, fn) {
    name = UTF8ToString(name);
    var typeIds = Array.from(HEAP32.subarray(rawArgTypesAddr >> 2, (rawArgTypesAddr >> 2) + argCount));
    var invoker = getWasmTableEntry(rawInvoker);
    function type(id) {
      var registered = embindTypes[id];
      if (!registered) throw new TypeError('Cannot call ' + name + ' due to unbound types: 0x' + (id >>> 0).toString(16));
      return registered;
    }
    // Looked up at the first call rather than here (registrations may come in any order), then
    // kept; a call that finds a type unbound keeps none and fails again next time.
    var types;
    Module[name] = function () {
      if (arguments.length !== argCount - 1) {
        throw new TypeError('function ' + name + ' called with ' + arguments.length + ' arguments, expected ' + (argCount - 1) + ' args!');
      }
      types = types || typeIds.map(type);
      var wired = [fn];
      var blocks = [];
      try {
        for (var i = 1; i < argCount; i++) wired.push(types[i].toWire(arguments[i - 1], blocks));
        return types[0].fromWire(invoker.apply(null, wired));
      } finally {
        blocks.forEach(_free);
      }
    };
  },
});
