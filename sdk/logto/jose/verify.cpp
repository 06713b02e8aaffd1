#include "logto/jose/verify.hpp"

#include "logto/encoding/base64url.hpp"
#include "logto/errors.hpp"
#include "logto/jose/token_error.hpp"

#include <optional>

namespace logto::jose {
namespace {

Error unusable_key(const std::string& detail) {
  return token_error(TokenFailure::KeyUnusable, detail);
}

Result<std::string> key_bytes(const Json& jwk, const char* field) {
  auto raw = base64url::decode(jwk.string_member(field));
  if (!raw || raw->empty()) {
    return unusable_key(cat("The JWK's \"", field, "\" is missing or not base64url."));
  }
  return std::move(*raw);
}

const char* kty_name(KeyType t) {
  return t == KeyType::RSA ? "RSA" : "EC";
}

// Why `jwk` cannot carry `alg`, or nullopt when it can.
std::optional<std::string> key_misfit(const Json& jwk, const Algorithm& alg) {
  const std::string& kty = jwk.string_member("kty");
  if (kty != kty_name(alg.kty)) {
    return cat("Algorithm ", alg.name, " needs a ", kty_name(alg.kty),
               " key, but the JWKS key is kty \"", kty, "\".");
  }
  const std::string& key_alg = jwk.string_member("alg");
  if (!key_alg.empty() && key_alg != alg.name) {
    return cat("The token is signed with ", alg.name, " but the JWKS key is for ", key_alg, ".");
  }
  const std::string& use = jwk.string_member("use");
  if (!use.empty() && use != "sig") return cat("The JWKS key has use \"", use, "\", not \"sig\".");
  if (alg.kty == KeyType::EC && jwk.string_member("crv") != jwk_curve_name(alg.curve)) {
    return cat("Algorithm ", alg.name, " needs curve ", jwk_curve_name(alg.curve),
               ", but the JWKS key is on \"", jwk.string_member("crv"), "\".");
  }
  return std::nullopt;
}

// The members a verifier imports, after checking they decode (and an RSA modulus's size, which
// WebCrypto would accept far below what is safe).
Result<Json> reduced_key(const Json& jwk, const Algorithm& alg) {
  bool rsa = alg.kty == KeyType::RSA;
  const char* a = rsa ? "n" : "x";
  const char* b = rsa ? "e" : "y";
  auto first = key_bytes(jwk, a);
  if (!first) return first.error();
  if (auto second = key_bytes(jwk, b); !second) return second.error();
  if (rsa) {
    size_t zeros = first->find_first_not_of('\0');
    size_t bytes = zeros == std::string::npos ? 0 : first->size() - zeros;
    if (bytes * 8 < crypto::kMinRsaBits) {
      return unusable_key("The JWKS key cannot be used: RSA key is shorter than 2048 bits.");
    }
  }
  Json key = Json::object();
  key["kty"] = kty_name(alg.kty);
  if (!rsa) key["crv"] = jwk_curve_name(alg.curve);
  key[a] = jwk[a];
  key[b] = jwk[b];
  return key;
}

}  // namespace

Result<KeySelection> select_keys(const CompactJws& jws, const Json& jwks) {
  auto alg_it = jws.header.find("alg");
  if (!alg_it || !alg_it->is_string()) {
    return token_error(TokenFailure::AlgNotAllowed, "The token header has no \"alg\".", "alg");
  }
  const std::string& alg_name = alg_it->as_string();
  auto alg = find_algorithm(alg_name);
  if (!alg) {
    return token_error(TokenFailure::AlgNotAllowed,
                       cat("Algorithm \"", alg_name,
                           "\" is not accepted; expected one of RS256, RS384, RS512, PS256, "
                           "PS384, PS512, ES256, ES384, ES512."),
                       "alg", nullptr, alg_name);
  }
  // After the algorithm, so an unsigned `alg: none` token reads as the refusal it is.
  if (jws.signature.empty()) {
    return token_error(TokenFailure::Malformed, "The token is malformed: signature is empty.");
  }
  if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array()) {
    // @logto has no code of its own for a bad key set: it is an unexpected response.
    return logto_error("unexpected_response_error",
                       "The JSON Web Key Set is not a JSON object with a \"keys\" array.",
                       failure_data("jwks.invalid"));
  }

  KeySelection selection{*alg, {}, false};
  const std::string& kid = jws.header.string_member("kid");
  const auto& keys = jwks["keys"].elements();
  // The token names a key: one of that kid that cannot carry the algorithm is an attack or a
  // misconfiguration, never a reason to look elsewhere. Checked before any signature.
  if (!kid.empty()) {
    for (const auto& key : keys) {
      if (!key.is_object() || key.string_member("kid") != kid) continue;
      if (auto misfit = key_misfit(key, *alg)) return unusable_key(*misfit);
    }
  }
  // Then the candidates in order: the keys of that kid, or without one every key that fits.
  for (const auto& key : keys) {
    if (!key.is_object()) continue;
    if (kid.empty() ? key_misfit(key, *alg).has_value() : key.string_member("kid") != kid) continue;
    auto reduced = reduced_key(key, *alg);
    if (!reduced) return reduced.error();
    selection.keys.push_back(std::move(*reduced));
  }
  if (selection.keys.empty()) {
    if (!kid.empty()) {
      selection.kid_not_found = true;
      return selection;
    }
    return token_error(TokenFailure::KeyNotFound,
                       cat("The JWKS has no ", kty_name(alg->kty), " key for ", alg->name, "."));
  }
  return selection;
}

Result<bool> check_signature(const Algorithm& alg, const Json& jwk, std::string_view data,
                             std::string_view signature) {
  bool rsa = alg.kty == KeyType::RSA;
  auto a = key_bytes(jwk, rsa ? "n" : "x");
  if (!a) return a.error();
  auto b = key_bytes(jwk, rsa ? "e" : "y");
  if (!b) return b.error();
  Result<bool> verdict = !rsa ? crypto::verify_ecdsa(alg.curve, alg.hash, *a, *b, data, signature)
                         : alg.padding == Padding::Pss
                             ? crypto::verify_rsa_pss(alg.hash, *a, *b, data, signature)
                             : crypto::verify_rsa_pkcs1(alg.hash, *a, *b, data, signature);
  if (!verdict) {
    return unusable_key(cat("The JWKS key cannot be used: ", verdict.error().message(), "."));
  }
  return verdict;
}

Result<KeyLookup> verify_signature(const CompactJws& jws, const Json& jwks) {
  auto selection = select_keys(jws, jwks);
  if (!selection) return selection.error();
  if (selection->kid_not_found) return KeyLookup::KidNotFound;
  for (const auto& key : selection->keys) {
    auto verdict = check_signature(selection->alg, key, jws.signing_input, jws.signature);
    if (!verdict) return verdict.error();
    if (*verdict) return KeyLookup::Found;
  }
  return signature_mismatch(jws, selection->alg);
}

Error signature_mismatch(const CompactJws& jws, const Algorithm& alg) {
  const std::string& kid = jws.header.string_member("kid");
  return token_error(TokenFailure::SignatureInvalid,
                     cat("The signature does not verify with the ", alg.name, " key",
                         kid.empty() ? std::string() : cat(" \"", kid, "\""), "."));
}

}  // namespace logto::jose
