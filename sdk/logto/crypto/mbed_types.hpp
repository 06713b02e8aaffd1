// Our hash and curve enums as mbedTLS identifiers (internal to the crypto and jose code).
#pragma once

#include "logto/crypto/digest.hpp"
#include "logto/crypto/signature.hpp"

#include <mbedtls/ecp.h>
#include <mbedtls/md.h>

namespace logto::crypto {

inline mbedtls_md_type_t md_type(Hash hash) {
  switch (hash) {
    case Hash::Sha256:
      return MBEDTLS_MD_SHA256;
    case Hash::Sha384:
      return MBEDTLS_MD_SHA384;
    case Hash::Sha512:
      return MBEDTLS_MD_SHA512;
  }
  return MBEDTLS_MD_NONE;
}

inline mbedtls_ecp_group_id group_id(Curve curve) {
  switch (curve) {
    case Curve::P256:
      return MBEDTLS_ECP_DP_SECP256R1;
    case Curve::P384:
      return MBEDTLS_ECP_DP_SECP384R1;
    case Curve::P521:
      return MBEDTLS_ECP_DP_SECP521R1;
  }
  return MBEDTLS_ECP_DP_NONE;
}

}  // namespace logto::crypto
