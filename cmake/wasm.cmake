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
