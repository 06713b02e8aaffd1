// Passwords hashed with Argon2id (libargon2), in the PHC string format.
#pragma once

#include <optional>
#include <string>

namespace provider::security {

// OWASP's Argon2id baseline: m = 19 MiB, t = 2, p = 1; 16-byte salt, 32-byte hash.
std::string hash_password(const std::string& password);

// Verifies `password` against `hash`. With no hash (unknown user) it still runs one Argon2id
// verification against a fixed dummy hash, so the answer takes the same time either way.
bool verify_password(const std::string& password, const std::optional<std::string>& hash);

// A password the provider accepts: 8 to 256 characters. Returns the reason otherwise.
std::optional<std::string> password_problem(const std::string& password);

}  // namespace provider::security
