// JWS signature verification against a JWKS (RFC 7517), jwt-cpp style: the algorithm comes
// from an allow-list, the key must match it, and every refusal has its own message.
#pragma once

#include "logto/jose/jws.hpp"

#include "logto/encoding/json.hpp"

namespace logto::jose {

enum class KeyLookup {
  Found,
  KidNotFound,  // the header names a kid the JWKS lacks: the caller may refetch once
};

// Verifies `jws` with a key from `jwks`. Returns KidNotFound when the header's kid is absent
// from the set; fails with `id_token.invalid_token` for every other failure (alg
// none/HS*/unknown, key type or curve mismatch, bad key, wrong signature).
Result<KeyLookup> verify_signature(const CompactJws& jws, const Json& jwks);

}  // namespace logto::jose
