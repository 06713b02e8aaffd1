# WebAssembly tree: build settings for Emscripten 3.1.6 and mbedcrypto from Debian's source.

# emcc runs its JS optimizer (acorn, terser) with Node at link time; Debian installs those
# modules under /usr/share/nodejs, which Node only searches when NODE_PATH says so. Setting it
# on the link command fixes every target in this tree, whoever invokes the build.
set(CMAKE_CXX_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
set(CMAKE_C_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)

# Native wasm exceptions: small and fast, supported by every current browser and Node 20.
add_compile_options(-fwasm-exceptions)
add_link_options(-fwasm-exceptions)

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

# One self-contained ES module for browsers, CDNs and Node 20 alike. Emscripten 3.1.6's ESM
# output breaks under Node 20 in two ways: its Node branch reads `__dirname` (undefined in ES
# modules), and its web branch fetches the .wasm from a file:// URL (Node's fetch refuses).
# ENVIRONMENT=web,worker drops the Node branch; SINGLE_FILE embeds the wasm as base64, which
# is decoded without any fetch. Node 20 provides every web API this path touches.
function(logto_es_module target)
  set_target_properties(${target} PROPERTIES SUFFIX ".mjs")
  target_link_options(${target} PRIVATE --bind -sMODULARIZE=1 -sEXPORT_ES6=1 -sSINGLE_FILE=1
                      -sENVIRONMENT=web,worker -sALLOW_MEMORY_GROWTH=1 -sMALLOC=emmalloc
                      -sFILESYSTEM=0)
endfunction()
