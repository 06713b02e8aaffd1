#include "security/password.hpp"

#include "security/cpu_gate.hpp"
#include "security/random.hpp"

#include <argon2.h>

#include <stdexcept>
#include <vector>

namespace provider::security {
namespace {

constexpr uint32_t kTime = 2, kMemoryKiB = 19 * 1024, kLanes = 1;
constexpr size_t kSaltBytes = 16, kHashBytes = 32;

// Argon2id takes 19 MiB and ~30 ms of one core: at most one per core at a time.
CpuGate& argon2_gate() {
  static CpuGate gate(cpu_slots());
  return gate;
}

const std::string& dummy_hash() {
  static const std::string hash = hash_password("not the password of anyone at all");
  return hash;
}

}  // namespace

std::string hash_password(const std::string& password) {
  uint8_t salt[kSaltBytes];
  system_random().fill(salt, sizeof salt);
  size_t length = argon2_encodedlen(kTime, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id);
  CpuGate::Turn turn(argon2_gate());
  std::vector<char> encoded(length);
  int rc = argon2id_hash_encoded(kTime, kMemoryKiB, kLanes, password.data(), password.size(), salt,
                                 sizeof salt, kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK)
    throw std::runtime_error(std::string("argon2id: ") + argon2_error_message(rc));
  return std::string(encoded.data());
}

bool verify_password(const std::string& password, const std::optional<std::string>& hash) {
  const std::string& against = hash && !hash->empty() ? *hash : dummy_hash();
  CpuGate::Turn turn(argon2_gate());
  bool ok = argon2id_verify(against.c_str(), password.data(), password.size()) == ARGON2_OK;
  return ok && hash && !hash->empty();
}

std::optional<std::string> password_problem(const std::string& password) {
  if (password.size() < 8) return "The password needs at least 8 characters.";
  if (password.size() > 256) return "The password may have at most 256 characters.";
  return std::nullopt;
}

}  // namespace provider::security
