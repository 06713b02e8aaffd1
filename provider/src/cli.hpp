// The command line: `logto-provider [global flags] <command> [options]`. Admin commands
// print JSON on stdout; problems are one line on stderr and exit status 1 (2 for usage).
#pragma once

#include <string>
#include <vector>

namespace provider {

int run_cli(std::vector<std::string> args);

}  // namespace provider
