// The provider's config file: any bytes are read as a config or refused with
// std::invalid_argument (a clear line), never a crash or another exception.
#include "config.hpp"

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string path = "/tmp/logto-fuzz-config-" + std::to_string(getpid()) + ".json";
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  std::vector<std::string> args = {"--config", path, "serve"};
  try {
    provider::Config c = provider::load_config(args);
    if (c.refresh_token_ttl < c.access_token_ttl) std::abort();  // a rule the reader enforces
  } catch (const std::invalid_argument&) {
  }
  return 0;
}
