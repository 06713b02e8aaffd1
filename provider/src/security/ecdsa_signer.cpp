#include "security/ecdsa_signer.hpp"

#include "logto/crypto/digest.hpp"
#include "logto/encoding/base64url.hpp"
#include "logto/jose/algorithms.hpp"
#include "security/random.hpp"

#include <gmp.h>
#include <nettle/bignum.h>
#include <nettle/ecc-curve.h>
#include <nettle/ecc.h>
#include <nettle/ecdsa.h>

#include <sys/random.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>

namespace provider::security {
namespace {

// Owners of GMP and Nettle values, so each is cleared on every path.
struct Mpz {
  mpz_t v;
  Mpz() { mpz_init(v); }
  ~Mpz() { mpz_clear(v); }
  Mpz(const Mpz&) = delete;
  Mpz& operator=(const Mpz&) = delete;
};

struct Point {
  ecc_point v;
  explicit Point(const ecc_curve* curve) { ecc_point_init(&v, curve); }
  ~Point() { ecc_point_clear(&v); }
  Point(const Point&) = delete;
  Point& operator=(const Point&) = delete;
};

struct Signature {
  dsa_signature v;
  Signature() { dsa_signature_init(&v); }
  ~Signature() { dsa_signature_clear(&v); }
  Signature(const Signature&) = delete;
  Signature& operator=(const Signature&) = delete;
};

const ecc_curve* nettle_curve(logto::crypto::Curve curve) {
  switch (curve) {
    case logto::crypto::Curve::P256:
      return nettle_get_secp_256r1();
    case logto::crypto::Curve::P384:
      return nettle_get_secp_384r1();
    case logto::crypto::Curve::P521:
      return nettle_get_secp_521r1();
  }
  return nullptr;
}

std::string member_bytes(const nlohmann::json& jwk, const char* name) {
  auto it = jwk.find(name);
  std::optional<std::string> bytes;
  if (it != jwk.end() && it->is_string()) bytes = logto::base64url::decode(it->get<std::string>());
  if (!bytes || bytes->empty()) {
    throw std::invalid_argument(std::string("private JWK member \"") + name +
                                "\" is missing or not base64url");
  }
  return *bytes;
}

void set_mpz(mpz_t out, const std::string& bytes) {
  nettle_mpz_set_str_256_u(out, bytes.size(), reinterpret_cast<const uint8_t*>(bytes.data()));
}

std::string mpz_bytes(const mpz_t v, size_t width) {
  std::string out(width, '\0');
  nettle_mpz_get_str_256(width, reinterpret_cast<uint8_t*>(out.data()), v);
  return out;
}

// Nettle asks for nonce bytes through a C callback that cannot fail, so most are drawn before
// the call (where a failing getrandom throws); a rare second draw after a rejected nonce reads
// getrandom directly.
struct NonceSource {
  uint8_t bytes[2 * 66];
  size_t used = 0;
};

void nonce_bytes(void* ctx, size_t length, uint8_t* dst) {
  auto* source = static_cast<NonceSource*>(ctx);
  if (length <= sizeof source->bytes - source->used) {
    std::memcpy(dst, source->bytes + source->used, length);
    std::memset(source->bytes + source->used, 0, length);
    source->used += length;
    return;
  }
  size_t done = 0;
  while (done < length) {
    ssize_t n = getrandom(dst + done, length - done, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      std::fputs("logto-provider: getrandom failed while signing; stopping\n", stderr);
      std::abort();
    }
    done += static_cast<size_t>(n);
  }
}

}  // namespace

struct EcdsaSigner::Impl {
  const ecc_curve* curve = nullptr;
  logto::crypto::Hash hash{};
  size_t width = 0;
  ecc_scalar key{};
  bool key_set = false;
  ~Impl() {
    if (!key_set) return;
    // mpz_clear does not wipe; the scalar is the private key.
    std::memset(key.p, 0, sizeof(mp_limb_t) * static_cast<size_t>(ecc_size(curve)));
    ecc_scalar_clear(&key);
  }
};

EcdsaSigner::EcdsaSigner(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EcdsaSigner::~EcdsaSigner() = default;

std::unique_ptr<const EcdsaSigner> EcdsaSigner::from_private_jwk(const nlohmann::json& jwk) {
  auto alg = logto::jose::find_algorithm(jwk.value("alg", ""));
  if (!alg || alg->kty != logto::jose::KeyType::EC) return nullptr;
  auto impl = std::make_unique<Impl>();
  impl->curve = nettle_curve(alg->curve);
  impl->hash = alg->hash;
  impl->width = logto::crypto::curve_field_bytes(alg->curve);
  Mpz d, x, y, found_x, found_y;
  set_mpz(d.v, member_bytes(jwk, "d"));
  set_mpz(x.v, member_bytes(jwk, "x"));
  set_mpz(y.v, member_bytes(jwk, "y"));
  ecc_scalar_init(&impl->key, impl->curve);
  impl->key_set = true;
  if (!ecc_scalar_set(&impl->key, d.v)) {
    throw std::invalid_argument("private JWK \"d\" is not a scalar of its curve");
  }
  mpz_set_ui(d.v, 0);
  Point public_point(impl->curve);
  ecc_point_mul_g(&public_point.v, &impl->key);
  ecc_point_get(&public_point.v, found_x.v, found_y.v);
  if (mpz_cmp(found_x.v, x.v) != 0 || mpz_cmp(found_y.v, y.v) != 0) {
    throw std::invalid_argument("private JWK \"d\" does not match its public point");
  }
  return std::make_unique<const EcdsaSigner>(std::move(impl));
}

std::string EcdsaSigner::sign(std::string_view signing_input) const {
  std::string hash = logto::crypto::digest(impl_->hash, signing_input);
  NonceSource nonce;
  (void)system_random().fill(nonce.bytes, sizeof nonce.bytes);  // throws
  Signature signature;
  ecdsa_sign(&impl_->key, &nonce, nonce_bytes, hash.size(),
             reinterpret_cast<const uint8_t*>(hash.data()), &signature.v);
  std::memset(nonce.bytes, 0, sizeof nonce.bytes);
  return mpz_bytes(signature.v.r, impl_->width) + mpz_bytes(signature.v.s, impl_->width);
}

}  // namespace provider::security
