// logto-provider: the companion OpenID Connect provider. See docs/provider.md.
#include "cli.hpp"

int main(int argc, char** argv) {
  return provider::run_cli(std::vector<std::string>(argv + 1, argv + argc));
}
