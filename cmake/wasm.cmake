# WebAssembly tree: build settings for Emscripten 3.1.6 and mbedcrypto from Debian's source.

# emcc runs its JS optimizer (acorn, terser) with Node at link time; Debian installs those
# modules under /usr/share/nodejs, which Node only searches when NODE_PATH says so. Setting it
# on the link command fixes every target in this tree, whoever invokes the build.
set(CMAKE_CXX_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
set(CMAKE_C_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)

# Size is the browser SDK's first budget (docs/wasm-size.md): -Oz everywhere, link-time
# optimisation across the core and mbedcrypto, and no RTTI. Without RTTI every std::function
# stops carrying its lambda's mangled type name (about 14 KB of them); embind is told to work
# without type names, and exceptions keep their own type info.
set(CMAKE_C_FLAGS_MINSIZEREL "-Oz -DNDEBUG")
set(CMAKE_CXX_FLAGS_MINSIZEREL "-Oz -DNDEBUG")
# No destructors registered for static objects: a module's runtime never exits (EXIT_RUNTIME is
# off), so they never ran, and their registrations were 52 bytes of gzip.
add_compile_options(-flto $<$<COMPILE_LANGUAGE:CXX>:-fno-rtti>
                    $<$<COMPILE_LANGUAGE:CXX>:-fno-c++-static-destructors>)
add_compile_definitions(EMSCRIPTEN_HAS_UNBOUND_TYPE_NAMES=0)
# Every text leaves these modules through TextDecoder, which turns invalid UTF-8 into U+FFFD: the
# JSON writer leaves that to it (sdk/logto/encoding/json.cpp).
add_compile_definitions(LOGTO_HOST_DECODES_UTF8)
# LLVM's MergeFunctions at link time: functions whose code is the same (a lambda's destructor
# and another's, one template instance and another over a different pointer type) become one,
# which binaryen's duplicate elimination cannot see once their types differ: 136 bytes less gzip.
add_link_options(-flto -fno-rtti -Wl,-mllvm,-enable-merge-functions)

set(LOGTO_MBEDTLS_SOURCE_DIR "" CACHE PATH "Debian mbedtls source tree (scripts/setup.sh)")
if(NOT EXISTS "${LOGTO_MBEDTLS_SOURCE_DIR}/library/bignum.c")
  message(FATAL_ERROR "mbedTLS source not found at '${LOGTO_MBEDTLS_SOURCE_DIR}'. "
                      "Run 'npm run setup' to fetch Debian's mbedtls source package.")
endif()

# Every file of the crypto library; the trimmed config compiles out what the SDK never uses.
file(GLOB MBEDCRYPTO_SOURCES "${LOGTO_MBEDTLS_SOURCE_DIR}/library/*.c")
list(FILTER MBEDCRYPTO_SOURCES EXCLUDE REGEX "/(ssl_|x509|net_sockets|debug|mps_)[^/]*\\.c$")
add_library(mbedcrypto STATIC ${MBEDCRYPTO_SOURCES})
target_include_directories(mbedcrypto SYSTEM PUBLIC "${LOGTO_MBEDTLS_SOURCE_DIR}/include"
                                                   "${CMAKE_SOURCE_DIR}/sdk/mbedtls")
target_compile_definitions(mbedcrypto PUBLIC MBEDTLS_CONFIG_FILE="logto_wasm_config.h")
target_compile_options(mbedcrypto PRIVATE -Oz -w)

# Header-only dependencies from Debian (nlohmann-json3-dev, doctest-dev). The toolchain hides
# /usr/include, and adding all of it would mix glibc headers into the wasm build, so only
# their own folders are linked into a private include directory.
set(LOGTO_HEADER_ONLY_DIR "${CMAKE_BINARY_DIR}/header-only")
foreach(dir nlohmann doctest)
  if(NOT EXISTS "/usr/include/${dir}")
    message(FATAL_ERROR "/usr/include/${dir} is missing: run 'npm run setup'.")
  endif()
  file(MAKE_DIRECTORY "${LOGTO_HEADER_ONLY_DIR}")
  file(CREATE_LINK "/usr/include/${dir}" "${LOGTO_HEADER_ONLY_DIR}/${dir}" SYMBOLIC)
endforeach()
add_library(nlohmann_json_headers INTERFACE)
target_include_directories(nlohmann_json_headers SYSTEM INTERFACE "${LOGTO_HEADER_ONLY_DIR}")
add_library(nlohmann_json::nlohmann_json ALIAS nlohmann_json_headers)

# Programs built here (the unit tests) are CommonJS; the repository's package.json declares
# "type": "module", which Node would otherwise apply to them too.
file(WRITE "${CMAKE_BINARY_DIR}/package.json" "{ \"type\": \"commonjs\" }\n")

# The Emscripten glue as an ES module plus a separate .wasm. scripts/build-js.mjs bundles the
# glue with js/ and either embeds the .wasm (gzip + base64, decoded before instantiation) or
# fetches it next to the module; either way the glue receives the bytes as `wasmBinary` and
# never fetches or reads files itself. ENVIRONMENT=web,worker drops the glue's Node branch,
# which reads `__dirname` (undefined in ES modules); Node 20 provides every web API the rest
# touches, so the same module runs in browsers and in the Node tests. DYNAMIC_EXECUTION=0 keeps
# embind from building its invokers with `new Function`, which a Content-Security-Policy without
# 'unsafe-eval' forbids (sites should need only 'wasm-unsafe-eval'); TEXTDECODER=2 drops the
# glue's fallback UTF-8 decoder, since every browser with WebAssembly has TextDecoder.
# MINIMAL_RUNTIME: the glue takes the bytes as `wasm` and is 1.8 KB gzip smaller; its two gaps
# in this Emscripten are filled by bindings/js/minimal-runtime-pre.js. binaryen inlines functions
# of up to 5 bytes rather than 2 (-aimfs): calls to one-line accessors cost more than their
# bodies, and each function V8 compiles lazily on first call has a fixed cost (the client's
# first create + isAuthenticated compile 194 functions instead of 268). 3, 4, 6 and 8 were
# measured too: 5 is the smallest (docs/wasm-size.md). BINARYEN_IGNORE_IMPLICIT_TRAPS lets
# binaryen assume a load or store never traps (none of ours is meant to), so it may drop or
# move loads whose value goes unused: 101 bytes less gzip.
function(logto_es_module target)
  set_target_properties(${target} PROPERTIES SUFFIX ".mjs")
  target_link_options(${target} PRIVATE --bind -sMODULARIZE=1 -sEXPORT_ES6=1 -sSINGLE_FILE=0
                      -sENVIRONMENT=web,worker -sALLOW_MEMORY_GROWTH=1 -sMALLOC=emmalloc
                      -sFILESYSTEM=0 -sDYNAMIC_EXECUTION=0 -sTEXTDECODER=2 -sMINIMAL_RUNTIME=1
                      "-sBINARYEN_EXTRA_PASSES=--converge,-aimfs=5"
                      -sBINARYEN_IGNORE_IMPLICIT_TRAPS=1
                      "--pre-js=${CMAKE_SOURCE_DIR}/bindings/js/minimal-runtime-pre.js"
                      "--js-library=${CMAKE_SOURCE_DIR}/bindings/js/embind-runtime.js"
                      "--js-library=${CMAKE_SOURCE_DIR}/bindings/js/heap-growth.js")
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS
               "${CMAKE_SOURCE_DIR}/bindings/js/minimal-runtime-pre.js"
               "${CMAKE_SOURCE_DIR}/bindings/js/embind-runtime.js"
               "${CMAKE_SOURCE_DIR}/bindings/js/heap-growth.js")
endfunction()
