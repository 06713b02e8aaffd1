/* mbedTLS configuration for the WebAssembly SDK: only what JWS verification and PKCE need
 * (SHA-2, RSA PKCS#1 v1.5 and PSS, ECDSA on P-256/384/521). Everything else is left out to keep
 * the module small; the native build uses Debian's full libmbedcrypto. */
#ifndef LOGTO_WASM_MBEDTLS_CONFIG_H
#define LOGTO_WASM_MBEDTLS_CONFIG_H

/* No OS here: no clock, no file system, no entropy source (the SDK takes randomness from
 * crypto.getRandomValues through its Random port, and verification needs none). */
#define MBEDTLS_NO_PLATFORM_ENTROPY

#define MBEDTLS_BIGNUM_C
#define MBEDTLS_OID_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA512_C

#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_PKCS1_V21
/* Key generation for jose::SigningKey (tests, provider); the browser module never links it. */
#define MBEDTLS_GENPRIME

#define MBEDTLS_ECP_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_DP_SECP521R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
/* No DRBG in the module: verification handles only public data, so the internal RNG that
 * blinds secret scalars is not needed; callers that sign pass their own RNG. */
#define MBEDTLS_ECP_NO_INTERNAL_RNG

/* Smaller windows: verification is not hot enough to pay for precomputed tables. */
#define MBEDTLS_ECP_WINDOW_SIZE 2
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0
#define MBEDTLS_MPI_WINDOW_SIZE 2
#define MBEDTLS_SHA256_SMALLER

#include "mbedtls/check_config.h"

#endif
