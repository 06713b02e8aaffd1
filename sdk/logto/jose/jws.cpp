#include "logto/jose/jws.hpp"

#include "logto/encoding/base64url.hpp"
#include "logto/encoding/json.hpp"
#include "logto/errors.hpp"

namespace logto::jose {
namespace {

Error malformed(const std::string& what) {
  return logto_error("id_token.invalid_token", "The token is malformed: " + what + ".");
}

nlohmann::json decode_object(std::string_view segment, const char* name) {
  auto raw = base64url::decode(segment);
  if (!raw) throw malformed(std::string(name) + " is not valid base64url");
  auto j = json_text::parse(*raw);
  if (j.is_discarded() || !j.is_object()) {
    throw malformed(std::string(name) + " is not a JSON object");
  }
  return j;
}

struct Segments {
  std::string_view header, payload, signature;
};

Segments split(std::string_view token) {
  if (token.size() > kMaxTokenBytes) {
    throw malformed("it is larger than " + json_text::number(kMaxTokenBytes) + " bytes");
  }
  auto first = token.find('.');
  auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    throw malformed("expected three dot-separated segments");
  }
  return {token.substr(0, first), token.substr(first + 1, second - first - 1),
          token.substr(second + 1)};
}

}  // namespace

CompactJws parse_compact(std::string_view token) {
  Segments s = split(token);
  CompactJws jws;
  jws.header = decode_object(s.header, "header");
  jws.payload = decode_object(s.payload, "payload");
  auto sig = base64url::decode(s.signature);
  if (!sig) throw malformed("signature is not valid base64url");
  if (sig->empty()) throw malformed("signature is empty");
  jws.signature = std::move(*sig);
  jws.signing_input = std::string(token.substr(0, s.header.size() + 1 + s.payload.size()));
  return jws;
}

nlohmann::json decode_payload(std::string_view token) {
  return decode_object(split(token).payload, "payload");
}

}  // namespace logto::jose
