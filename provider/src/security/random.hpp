// The system CSPRNG (getrandom) as the sdk's Random port, and the identifiers and secrets the
// provider mints from it.
#pragma once

#include "logto/ports.hpp"

#include <string>

namespace provider::security {

class SystemRandom final : public logto::Random {
 public:
  // Throws std::runtime_error if getrandom fails: the provider cannot run without it, and the
  // error says why. Returns true otherwise.
  bool fill(uint8_t* out, size_t size) override;
};

SystemRandom& system_random();

// `bytes` random bytes as base64url (tokens, codes, session ids).
std::string random_token(size_t bytes = 32);
// Lowercase letters and digits, like Logto's IDs (application and user ids).
std::string random_id(size_t length = 21);
// Decimal digits (one-time codes).
std::string random_digits(size_t length);

}  // namespace provider::security
