// provider/assets/sign-in.{js,css}, embedded at build time (cmake/embed.cmake).
#pragma once

namespace provider::interaction {

extern const char* const kSignInScript;
extern const char* const kSignInStyle;

}  // namespace provider::interaction
