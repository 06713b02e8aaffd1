// Compact JWS (RFC 7515 §7.1) parsing. Parsing proves nothing: verify.hpp checks the signature.
#pragma once

#include "logto/result.hpp"

#include "logto/encoding/json.hpp"

#include <string>
#include <string_view>

namespace logto::jose {

// Tokens larger than this are refused before any decoding (an ID token is ~1 KB).
constexpr size_t kMaxTokenBytes = 16 * 1024;

struct CompactJws {
  Json header;                // a JSON object
  Json payload;               // a JSON object
  std::string signing_input;  // ASCII(header '.' payload), exactly as received
  std::string signature;      // decoded bytes
};

// Fails with `id_token.invalid_token` whose message names the malformed part.
Result<CompactJws> parse_compact(std::string_view token);

// Only the payload, for claims that are read and not trusted (getIdTokenClaims). Fails with
// the same error as parse_compact.
Result<Json> decode_payload(std::string_view token);

}  // namespace logto::jose
