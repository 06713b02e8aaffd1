#include "logto/jose/jws.hpp"

#include "logto/encoding/base64url.hpp"
#include "logto/encoding/json.hpp"
#include "logto/errors.hpp"
#include "logto/jose/token_error.hpp"

namespace logto::jose {
namespace {

Error malformed(const std::string& what) {
  return token_error(TokenFailure::Malformed, cat("The token is malformed: ", what, "."));
}

Result<Json> decode_object(std::string_view segment, const char* name) {
  auto raw = base64url::decode(segment);
  if (!raw) return malformed(cat(name, " is not valid base64url"));
  auto j = json_text::parse(*raw);
  if (j.is_discarded() || !j.is_object()) {
    return malformed(cat(name, " is not a JSON object"));
  }
  return j;
}

struct Segments {
  std::string_view header, payload, signature;
};

Result<Segments> split(std::string_view token) {
  if (token.size() > kMaxTokenBytes) {
    return malformed(cat("it is larger than ", json_text::number(kMaxTokenBytes), " bytes"));
  }
  auto first = token.find('.');
  auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return malformed("expected three dot-separated segments");
  }
  return Segments{token.substr(0, first), token.substr(first + 1, second - first - 1),
                  token.substr(second + 1)};
}

}  // namespace

Result<CompactJws> parse_compact(std::string_view token) {
  auto s = split(token);
  if (!s) return s.error();
  auto header = decode_object(s->header, "header");
  if (!header) return header.error();
  auto payload = decode_object(s->payload, "payload");
  if (!payload) return payload.error();
  auto sig = base64url::decode(s->signature);
  if (!sig) return malformed("signature is not valid base64url");
  CompactJws jws;
  jws.header = std::move(*header);
  jws.payload = std::move(*payload);
  jws.signature = std::move(*sig);
  jws.signing_input = std::string(token.substr(0, s->header.size() + 1 + s->payload.size()));
  return jws;
}

Result<Json> decode_payload(std::string_view token) {
  auto s = split(token);
  if (!s) return s.error();
  return decode_object(s->payload, "payload");
}

}  // namespace logto::jose
