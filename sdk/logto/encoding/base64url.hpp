// base64url (RFC 4648 §5) without padding, as JOSE and PKCE use it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace logto::base64url {

std::string encode(std::string_view bytes);

// Strict: rejects padding, characters outside the URL-safe alphabet, an impossible length
// and non-zero trailing bits, so one token has exactly one encoding.
std::optional<std::string> decode(std::string_view text);

}  // namespace logto::base64url
