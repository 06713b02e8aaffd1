#include "security/random.hpp"

#include "logto/encoding/base64url.hpp"

#include <sys/random.h>

#include <cerrno>
#include <stdexcept>
#include <vector>

namespace provider::security {

bool SystemRandom::fill(uint8_t* out, size_t size) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = getrandom(out + done, size - done, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("getrandom failed: the system CSPRNG is unavailable");
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

SystemRandom& system_random() {
  static SystemRandom random;
  return random;
}

std::string random_token(size_t bytes) {
  std::string raw(bytes, '\0');
  (void)system_random().fill(reinterpret_cast<uint8_t*>(raw.data()), bytes);  // throws
  return logto::base64url::encode(raw);
}

namespace {

// Uniform characters from `alphabet` by rejection sampling (no modulo bias).
std::string random_from(const std::string& alphabet, size_t length) {
  std::string out;
  const unsigned limit = 256 - 256 % alphabet.size();
  while (out.size() < length) {
    uint8_t buf[64];
    (void)system_random().fill(buf, sizeof buf);  // throws
    for (uint8_t b : buf) {
      if (b < limit && out.size() < length) out += alphabet[b % alphabet.size()];
    }
  }
  return out;
}

}  // namespace

std::string random_id(size_t length) {
  return random_from("abcdefghijklmnopqrstuvwxyz0123456789", length);
}

std::string random_digits(size_t length) {
  return random_from("0123456789", length);
}

}  // namespace provider::security
