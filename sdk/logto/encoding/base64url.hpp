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

// Standard base64 (RFC 4648 §4, '+' '/' and '=' padding), as HTTP Basic credentials use it:
// the same alphabet but two characters, so both directions go through the functions above.
std::string encode_standard(std::string_view bytes);
// Trailing '=' are optional; otherwise as strict as decode().
std::optional<std::string> decode_standard(std::string_view text);

}  // namespace logto::base64url
