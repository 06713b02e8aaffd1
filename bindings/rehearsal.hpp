// A sign-in callback played against canned answers, on a client of its own whose storage is
// two scratch maps of the glue. V8 compiles each WebAssembly function the first time it runs,
// on the main thread; the page plays one stage of this each time it waits for the network, so
// the real callback (or token refresh) finds the code for the next response compiled instead
// of compiling it after the response arrives (docs/performance.md). Nothing is fetched, stored
// in the page, or kept: the canned tokens are made up and never leave this file.
#pragma once

#include <string>

namespace logto::browser {

// Plays the next stage and returns the step it reached, as JSON text: first the discovery
// answer (a "fetch" step for the code exchange follows), then the rest (the tokens, the JWKS
// and the signature: a "done" step). "" once there is nothing left to play.
std::string rehearse_sign_in_callback();

}  // namespace logto::browser
