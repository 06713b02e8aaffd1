// The sign-in pages' words in English and Japanese, and how the language is chosen:
// ?lang= (remembered in a cookie), then the cookie, then Accept-Language.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <string>

namespace provider::interaction {

std::string choose_language(const httplib::Request& req);  // "en" or "ja"
// Every string of the pages for `lang`, including the messages for the API's error codes.
const nlohmann::json& messages(const std::string& lang);

}  // namespace provider::interaction
