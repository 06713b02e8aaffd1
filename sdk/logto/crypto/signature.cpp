#include "logto/crypto/signature.hpp"

#include "logto/encoding/cat.hpp"

#include "logto/crypto/mbed_handles.hpp"
#include "logto/crypto/mbed_types.hpp"

#include <mbedtls/ecdsa.h>
#include <mbedtls/md.h>

#include <cstdlib>

namespace logto::crypto {
namespace {

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// A key that cannot be used; the JOSE layer puts the reason into its own message.
Error unusable(const char* reason) {
  return Error(ErrorClass::LogtoError, "crypto.unusable_key", reason);
}

// Loads n and e into `rsa` and checks it is a usable public key of at least kMinRsaBits.
Status load_rsa(RsaContext& rsa, std::string_view n, std::string_view e) {
  if (n.empty() || e.empty()) return unusable("RSA key is missing n or e");
  if (mbedtls_rsa_import_raw(rsa.get(), bytes(n), n.size(), nullptr, 0, nullptr, 0, nullptr, 0,
                             bytes(e), e.size()) != 0) {
    return unusable("RSA key is not a valid public key");
  }
  // What mbedtls_rsa_complete() does for a public key, without linking its private-key
  // derivations into the browser module: the modulus length. (mbedTLS 2.28 keeps `len` and `N`
  // public.)
  rsa.get()->len = mbedtls_mpi_size(&rsa.get()->N);
  if (mbedtls_rsa_check_pubkey(rsa.get()) != 0) {
    return unusable("RSA key is not a valid public key");
  }
  if (mbedtls_rsa_get_len(rsa.get()) * 8 < kMinRsaBits) {
    return unusable("RSA key is shorter than 2048 bits");
  }
  return {};
}

}  // namespace

size_t curve_field_bytes(Curve curve) {
  switch (curve) {
    case Curve::P256:
      return 32;
    case Curve::P384:
      return 48;
    case Curve::P521:
      return 66;
  }
  return 0;
}

Result<bool> verify_rsa_pkcs1(Hash hash, std::string_view n, std::string_view e,
                              std::string_view data, std::string_view signature) {
  RsaContext rsa;
  if (auto loaded = load_rsa(rsa, n, e); !loaded) return loaded.error();
  if (signature.size() != mbedtls_rsa_get_len(rsa.get())) return false;
  std::string h = digest(hash, data);
  return mbedtls_rsa_rsassa_pkcs1_v15_verify(rsa.get(), nullptr, nullptr, MBEDTLS_RSA_PUBLIC,
                                             md_type(hash), unsigned(h.size()), bytes(h),
                                             bytes(signature)) == 0;
}

Result<bool> verify_rsa_pss(Hash hash, std::string_view n, std::string_view e,
                            std::string_view data, std::string_view signature) {
  RsaContext rsa;
  if (auto loaded = load_rsa(rsa, n, e); !loaded) return loaded.error();
  if (signature.size() != mbedtls_rsa_get_len(rsa.get())) return false;
  std::string h = digest(hash, data);
  // RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash output.
  return mbedtls_rsa_rsassa_pss_verify_ext(rsa.get(), nullptr, nullptr, MBEDTLS_RSA_PUBLIC,
                                           md_type(hash), unsigned(h.size()), bytes(h),
                                           md_type(hash), int(h.size()), bytes(signature)) == 0;
}

Result<bool> verify_ecdsa(Curve curve, Hash hash, std::string_view x, std::string_view y,
                          std::string_view data, std::string_view signature) {
  const size_t field = curve_field_bytes(curve);
  if (x.size() != field || y.size() != field) {
    return unusable("EC key coordinates have the wrong length for the curve");
  }
  EcpGroup group;
  EcpPoint q;
  if (mbedtls_ecp_group_load(group.get(), group_id(curve)) != 0) {
    std::abort();  // only a build whose mbedTLS config lacks the curve gets here
  }
  std::string point = cat("\x04", std::string(x), std::string(y));
  if (mbedtls_ecp_point_read_binary(group.get(), q.get(), bytes(point), point.size()) != 0 ||
      mbedtls_ecp_check_pubkey(group.get(), q.get()) != 0) {
    return unusable("EC key is not a point on its curve");
  }
  if (signature.size() != 2 * field) return false;
  Mpi r, s;
  if (mbedtls_mpi_read_binary(r.get(), bytes(signature), field) != 0 ||
      mbedtls_mpi_read_binary(s.get(), bytes(signature) + field, field) != 0) {
    return false;
  }
  std::string h = digest(hash, data);
  return mbedtls_ecdsa_verify(group.get(), bytes(h), h.size(), q.get(), r.get(), s.get()) == 0;
}

}  // namespace logto::crypto
