// RAII owners for the mbedTLS structures the SDK uses: each is initialised on construction
// and freed on destruction, so no early return can leak one.
#pragma once

#include <mbedtls/bignum.h>
#include <mbedtls/ecp.h>
#include <mbedtls/rsa.h>

namespace logto::crypto {

template <typename T, void (*Init)(T*), void (*Free)(T*)>
class Owned {
 public:
  Owned() { Init(&value_); }
  ~Owned() { Free(&value_); }
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  T* get() { return &value_; }
  const T* get() const { return &value_; }

 private:
  T value_;
};

using Mpi = Owned<mbedtls_mpi, mbedtls_mpi_init, mbedtls_mpi_free>;
using EcpGroup = Owned<mbedtls_ecp_group, mbedtls_ecp_group_init, mbedtls_ecp_group_free>;
using EcpPoint = Owned<mbedtls_ecp_point, mbedtls_ecp_point_init, mbedtls_ecp_point_free>;

class RsaContext {
 public:
  RsaContext() { mbedtls_rsa_init(&ctx_, MBEDTLS_RSA_PKCS_V15, 0); }
  ~RsaContext() { mbedtls_rsa_free(&ctx_); }
  RsaContext(const RsaContext&) = delete;
  RsaContext& operator=(const RsaContext&) = delete;
  mbedtls_rsa_context* get() { return &ctx_; }

 private:
  mbedtls_rsa_context ctx_;
};

}  // namespace logto::crypto
