#include "logto/jose/sign.hpp"

#include "logto/encoding/cat.hpp"

#include "logto/crypto/digest.hpp"
#include "logto/crypto/mbed_handles.hpp"
#include "logto/crypto/mbed_types.hpp"
#include "logto/encoding/base64url.hpp"
#include "logto/encoding/json.hpp"
#include "logto/jose/algorithms.hpp"

#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>
#include <mbedtls/md.h>

#include <stdexcept>

namespace logto::jose {
namespace {

int random_callback(void* ctx, unsigned char* out, size_t len) {
  // Any non-zero value makes mbedTLS fail the operation, which is reported below.
  return static_cast<Random*>(ctx)->fill(out, len) ? 0 : -1;
}

using Keypair =
    crypto::Owned<mbedtls_ecp_keypair, mbedtls_ecp_keypair_init, mbedtls_ecp_keypair_free>;

std::string mpi_bytes(const mbedtls_mpi* v, size_t width = 0) {
  std::string out(width ? width : mbedtls_mpi_size(v), '\0');
  if (mbedtls_mpi_write_binary(v, reinterpret_cast<unsigned char*>(out.data()), out.size()) != 0) {
    throw std::runtime_error("mbedTLS could not export a number");
  }
  return out;
}

}  // namespace

struct SigningKey::Impl {
  Algorithm alg;
  std::string kid;
  crypto::RsaContext rsa;
  Keypair ec;
};

SigningKey::SigningKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;
SigningKey::~SigningKey() = default;

const std::string& SigningKey::alg() const {
  return impl_->alg.name;
}
const std::string& SigningKey::kid() const {
  return impl_->kid;
}

SigningKey SigningKey::generate(const std::string& alg_name, const std::string& kid,
                                Random& random) {
  auto alg = find_algorithm(alg_name);
  if (!alg) throw std::invalid_argument("cannot sign with algorithm " + alg_name);
  auto impl = std::make_unique<Impl>();
  impl->alg = *alg;
  impl->kid = kid;
  int rc = 0;
  if (alg->kty == KeyType::RSA) {
    mbedtls_rsa_set_padding(
        impl->rsa.get(), alg->padding == Padding::Pss ? MBEDTLS_RSA_PKCS_V21 : MBEDTLS_RSA_PKCS_V15,
        crypto::md_type(alg->hash));
    rc = mbedtls_rsa_gen_key(impl->rsa.get(), random_callback, &random, 2048, 65537);
  } else {
    rc =
        mbedtls_ecp_gen_key(crypto::group_id(alg->curve), impl->ec.get(), random_callback, &random);
  }
  if (rc != 0) throw std::runtime_error("mbedTLS key generation failed for " + alg_name);
  return SigningKey(std::move(impl));
}

nlohmann::json SigningKey::public_jwk() const {
  nlohmann::json jwk = {{"kid", impl_->kid}, {"alg", impl_->alg.name}, {"use", "sig"}};
  if (impl_->alg.kty == KeyType::RSA) {
    crypto::Mpi n, e;
    mbedtls_rsa_export(impl_->rsa.get(), n.get(), nullptr, nullptr, nullptr, e.get());
    jwk["kty"] = "RSA";
    jwk["n"] = base64url::encode(mpi_bytes(n.get()));
    jwk["e"] = base64url::encode(mpi_bytes(e.get()));
  } else {
    size_t field = crypto::curve_field_bytes(impl_->alg.curve);
    jwk["kty"] = "EC";
    jwk["crv"] = jwk_curve_name(impl_->alg.curve);
    jwk["x"] = base64url::encode(mpi_bytes(&impl_->ec.get()->Q.X, field));
    jwk["y"] = base64url::encode(mpi_bytes(&impl_->ec.get()->Q.Y, field));
  }
  return jwk;
}

nlohmann::json SigningKey::private_jwk() const {
  nlohmann::json jwk = public_jwk();
  if (impl_->alg.kty == KeyType::RSA) {
    crypto::Mpi p, q, d;
    mbedtls_rsa_export(impl_->rsa.get(), nullptr, p.get(), q.get(), d.get(), nullptr);
    jwk["d"] = base64url::encode(mpi_bytes(d.get()));
    jwk["p"] = base64url::encode(mpi_bytes(p.get()));
    jwk["q"] = base64url::encode(mpi_bytes(q.get()));
  } else {
    size_t field = crypto::curve_field_bytes(impl_->alg.curve);
    jwk["d"] = base64url::encode(mpi_bytes(&impl_->ec.get()->d, field));
  }
  return jwk;
}

SigningKey SigningKey::from_private_jwk(const nlohmann::json& jwk) {
  auto member = [&](const char* name) {
    auto it = jwk.find(name);
    if (it == jwk.end() || !it->is_string()) {
      throw std::invalid_argument(std::string("private JWK has no \"") + name + "\" string");
    }
    auto bytes = base64url::decode(it->get<std::string>());
    if (!bytes || bytes->empty()) {
      throw std::invalid_argument(std::string("private JWK member \"") + name +
                                  "\" is not base64url");
    }
    return *bytes;
  };
  auto read = [&](mbedtls_mpi* out, const char* name) {
    std::string bytes = member(name);
    if (mbedtls_mpi_read_binary(out, reinterpret_cast<const unsigned char*>(bytes.data()),
                                bytes.size()) != 0) {
      throw std::invalid_argument(std::string("private JWK member \"") + name + "\" is unusable");
    }
  };
  std::string alg_name = jwk.value("alg", "");
  auto alg = find_algorithm(alg_name);
  if (!alg) throw std::invalid_argument("private JWK has unsupported alg \"" + alg_name + "\"");
  auto impl = std::make_unique<Impl>();
  impl->alg = *alg;
  impl->kid = jwk.value("kid", "");
  if (alg->kty == KeyType::RSA) {
    crypto::Mpi n, e, d, p, q;
    read(n.get(), "n");
    read(e.get(), "e");
    read(d.get(), "d");
    read(p.get(), "p");
    read(q.get(), "q");
    auto* rsa = impl->rsa.get();
    mbedtls_rsa_set_padding(
        rsa, alg->padding == Padding::Pss ? MBEDTLS_RSA_PKCS_V21 : MBEDTLS_RSA_PKCS_V15,
        crypto::md_type(alg->hash));
    if (mbedtls_rsa_import(rsa, n.get(), p.get(), q.get(), d.get(), e.get()) != 0 ||
        mbedtls_rsa_complete(rsa) != 0 || mbedtls_rsa_check_privkey(rsa) != 0) {
      throw std::invalid_argument("private JWK is not a consistent RSA key");
    }
  } else {
    auto* key = impl->ec.get();
    if (mbedtls_ecp_group_load(&key->grp, crypto::group_id(alg->curve)) != 0) {
      throw std::invalid_argument("private JWK curve is not available");
    }
    read(&key->d, "d");
    read(&key->Q.X, "x");
    read(&key->Q.Y, "y");
    mbedtls_mpi_lset(&key->Q.Z, 1);
    if (mbedtls_ecp_check_privkey(&key->grp, &key->d) != 0 ||
        mbedtls_ecp_check_pubkey(&key->grp, &key->Q) != 0) {
      throw std::invalid_argument("private JWK is not a valid key on its curve");
    }
  }
  return SigningKey(std::move(impl));
}

namespace {

// The curve's group for this thread, loaded once. mbedTLS keeps the base point's precomputed
// comb table in the group after its first multiplication, so later signatures skip that work
// (about 3x faster here); it writes that table lazily, so a group is never shared between
// threads.
mbedtls_ecp_group* thread_group(crypto::Curve curve) {
  thread_local crypto::EcpGroup groups[3];
  thread_local bool loaded[3] = {false, false, false};
  auto i = static_cast<size_t>(curve);
  if (!loaded[i]) {
    if (mbedtls_ecp_group_load(groups[i].get(), crypto::group_id(curve)) != 0) return nullptr;
    loaded[i] = true;
  }
  return groups[i].get();
}

}  // namespace

std::string SigningKey::signing_input(const nlohmann::json& payload,
                                      const nlohmann::json& extra_header) const {
  nlohmann::json header = {{"alg", impl_->alg.name}, {"kid", impl_->kid}};
  for (const auto& [k, v] : extra_header.items()) header[k] = v;
  return cat(base64url::encode(json_text::dump(header)), ".",
             base64url::encode(json_text::dump(payload)));
}

std::string SigningKey::sign(const nlohmann::json& payload, Random& random,
                             const nlohmann::json& extra_header) const {
  std::string input = signing_input(payload, extra_header);
  std::string h = crypto::digest(impl_->alg.hash, input);
  auto hash = reinterpret_cast<const unsigned char*>(h.data());
  std::string sig;
  int rc = 0;
  if (impl_->alg.kty == KeyType::RSA) {
    sig.assign(mbedtls_rsa_get_len(impl_->rsa.get()), '\0');
    auto out = reinterpret_cast<unsigned char*>(sig.data());
    auto* rsa = impl_->rsa.get();
    rc = impl_->alg.padding == Padding::Pss
             ? mbedtls_rsa_rsassa_pss_sign(rsa, random_callback, &random, MBEDTLS_RSA_PRIVATE,
                                           crypto::md_type(impl_->alg.hash), unsigned(h.size()),
                                           hash, out)
             : mbedtls_rsa_rsassa_pkcs1_v15_sign(rsa, random_callback, &random, MBEDTLS_RSA_PRIVATE,
                                                 crypto::md_type(impl_->alg.hash),
                                                 unsigned(h.size()), hash, out);
  } else {
    crypto::Mpi r, s;
    mbedtls_ecp_group* group = thread_group(impl_->alg.curve);
    rc = group ? mbedtls_ecdsa_sign(group, r.get(), s.get(), &impl_->ec.get()->d, hash, h.size(),
                                    random_callback, &random)
               : -1;
    size_t field = crypto::curve_field_bytes(impl_->alg.curve);
    if (rc == 0) sig = mpi_bytes(r.get(), field) + mpi_bytes(s.get(), field);
  }
  if (rc != 0) throw std::runtime_error("mbedTLS signing failed");
  return cat(input, ".", base64url::encode(sig));
}

}  // namespace logto::jose
