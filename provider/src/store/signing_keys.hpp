// The provider's signing keys: EC P-384 (ES384, Logto's default), generated with mbedTLS on
// first start and kept in SQLite. The newest active key signs; every active key is published
// in the JWKS, so tokens signed before a rotation still verify until that key is retired.
#pragma once

#include "db/database.hpp"
#include "logto/jose/sign.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace provider::store {

// Creates the first key when there is none.
void ensure_signing_key(db::Database& db);
// Adds a new key (which becomes the signing key); returns its kid.
std::string rotate_signing_key(db::Database& db);
// Removes a key from the JWKS. Refuses to retire the last active key.
void retire_signing_key(db::Database& db, const std::string& kid);

// Active keys, newest first.
std::vector<logto::jose::SigningKey> active_signing_keys(db::Database& db);
nlohmann::json list_signing_keys(db::Database& db);  // kid, alg, createdAt, retiredAt

}  // namespace provider::store
