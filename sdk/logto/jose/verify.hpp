// JWS signature verification against a JWKS (RFC 7517), in two parts. Choosing the key is pure
// and always the core's: the algorithm from an allow-list, the key by kid, type, curve and use,
// RSA keys of at least 2048 bits. Checking the signature with that key is a crypto primitive:
// the browser performs it with WebCrypto (a `signature` step of the client), native callers
// and pages without `crypto.subtle` with mbedTLS (check_signature).
#pragma once

#include "logto/jose/algorithms.hpp"
#include "logto/jose/jws.hpp"

#include "logto/encoding/json.hpp"
#include "logto/list.hpp"

#include <string_view>

namespace logto::jose {

enum class KeyLookup {
  Found,
  KidNotFound,  // the header names a kid the JWKS lacks: the caller may refetch once
};

struct KeySelection {
  Algorithm alg;
  // The keys to try in order, each reduced to what a verifier imports: {kty, n, e} or
  // {kty, crv, x, y}.
  List<Json> keys;
  bool kid_not_found = false;  // then `keys` is empty
};

// Fails with `id_token.invalid_token` (jose/token_error.hpp) for alg none/HS*/unknown, a key of
// that kid that cannot carry the algorithm, a malformed or short key, no key at all, or an empty
// signature.
Result<KeySelection> select_keys(const CompactJws& jws, const Json& jwks);

// The signature check with mbedTLS: true when `signature` (raw bytes; r || s for ECDSA) over
// `data` verifies with `jwk` (as select_keys gives it); an error when the key cannot be used.
Result<bool> check_signature(const Algorithm& alg, const Json& jwk, std::string_view data,
                             std::string_view signature);

// `id_token.invalid_token` (signature_invalid) once no candidate key verifies `jws`.
Error signature_mismatch(const CompactJws& jws, const Algorithm& alg);

// Both, synchronously, for native callers: Found, KidNotFound, or the refusal.
Result<KeyLookup> verify_signature(const CompactJws& jws, const Json& jwks);

}  // namespace logto::jose
