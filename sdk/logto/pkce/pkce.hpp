// PKCE (RFC 7636) and the OAuth state parameter.
#pragma once

#include "logto/ports.hpp"
#include "logto/result.hpp"

#include <string>
#include <string_view>

namespace logto::pkce {

// @logto/browser draws 64 bytes; RFC 7636 asks for at least 32. The verifier is their
// base64url form: 86 characters, inside the 43..128 the RFC allows.
constexpr size_t kRandomBytes = 64;

// Fails with `crypto_unavailable` when the Random port has no secure source.
Result<std::string> random_string(Random& random, size_t bytes = kRandomBytes);
Result<std::string> generate_code_verifier(Random& random);
Result<std::string> generate_state(Random& random);

// S256: base64url(SHA-256(ASCII(verifier))). Fails with `pkce.invalid_verifier` for a verifier
// outside RFC 7636 §4.1 (43..128 characters of [A-Z a-z 0-9 - . _ ~]).
Result<std::string> code_challenge(std::string_view verifier);
bool is_valid_verifier(std::string_view verifier);
// The S256 challenge from the host's SHA-256 of the verifier (a digest step's answer, in
// base64url): refused unless it is exactly 32 bytes, and written back canonically.
Result<std::string> challenge_from_digest(std::string_view digest);

}  // namespace logto::pkce
