#include "logto/encoding/url.hpp"

#include "logto/encoding/cat.hpp"

namespace logto::url {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = char(c + ('a' - 'A'));
  }
  return out;
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool valid_scheme(std::string_view s) {
  if (s.empty() || !is_alpha(s[0])) return false;
  for (char c : s) {
    if (!is_alpha(c) && !is_digit(c) && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string Url::origin() const {
  std::string out = cat(scheme, "://", host);
  if (!port.empty()) append_to(out, ":", port);
  return out;
}

// The parts are cut where the WHATWG parser cuts them: the fragment at the first '#', the query
// at the first '?' before it, the path at the first '/' before that; userinfo ends at the last
// '@' of the authority, and the port starts at its last ':' (after the ']' of an IPv6 host).
std::optional<Url> parse(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || !valid_scheme(text.substr(0, colon)) ||
      text.substr(colon + 1, 2) != "//") {
    return std::nullopt;
  }
  Url u;
  u.scheme = lower(text.substr(0, colon));
  std::string_view rest = text.substr(colon + 3);
  size_t hash = rest.find('#');
  if (hash != std::string_view::npos) u.fragment = std::string(rest.substr(hash + 1));
  rest = rest.substr(0, hash);
  size_t qmark = rest.find('?');
  u.has_query = qmark != std::string_view::npos;
  if (u.has_query) u.query = std::string(rest.substr(qmark + 1));
  rest = rest.substr(0, qmark);
  size_t slash = rest.find('/');
  u.path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  std::string_view authority = rest.substr(0, slash);
  authority.remove_prefix(authority.rfind('@') + 1);  // npos + 1 is 0: no userinfo
  size_t port_colon = authority.rfind(':');
  if (!authority.empty() && authority[0] == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    // After the ']', nothing or ":port".
    port_colon = close + 1 == authority.size() ? std::string_view::npos : close + 1;
    if (port_colon != std::string_view::npos && authority[port_colon] != ':') return std::nullopt;
  }
  std::string_view host = authority.substr(0, port_colon);
  std::string_view port =
      port_colon == std::string_view::npos ? std::string_view() : authority.substr(port_colon + 1);
  if (host.empty() || port.size() > 5) return std::nullopt;
  for (char c : host) {
    if (c <= ' ' || c == '/' || c == '\\' || c == '?' || c == '#' || c == '%') return std::nullopt;
  }
  // The port the way URL.origin writes it: without leading zeros, and none for the scheme's
  // default. At most five digits, so the value fits.
  unsigned value = 0;
  for (char c : port) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + unsigned(c - '0');
  }
  if (value > 65535) return std::nullopt;
  bool is_default = (u.scheme == "http" && value == 80) || (u.scheme == "https" && value == 443);
  if (!port.empty() && !is_default) {
    while (port.size() > 1 && port[0] == '0') port.remove_prefix(1);
    u.port = std::string(port);
  }
  u.host = lower(host);
  return u;
}

namespace {

void form_encode_to(std::string& out, std::string_view value) {
  static const char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : value) {
    if (is_alpha(char(c)) || is_digit(char(c)) || c == '*' || c == '-' || c == '.' || c == '_') {
      out += char(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
}

}  // namespace

std::string form_encode(std::string_view value) {
  std::string out;
  form_encode_to(out, value);
  return out;
}

void add_param(std::string& out, std::string_view key, std::string_view value) {
  if (!out.empty()) out += '&';
  form_encode_to(out, key);
  out += '=';
  form_encode_to(out, value);
}

std::string form_decode(std::string_view value) {
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < value.size() && hex_value(value[i + 1]) >= 0 &&
               hex_value(value[i + 2]) >= 0) {
      out += char(hex_value(value[i + 1]) * 16 + hex_value(value[i + 2]));
      i += 2;
    } else {
      out += c;  // a stray '%' stays literal, as URLSearchParams keeps it
    }
  }
  return out;
}

std::string serialize(const Params& params) {
  std::string out;
  for (const auto& [key, value] : params) add_param(out, key, value);
  return out;
}

Params parse_query(std::string_view query) {
  Params out;
  if (!query.empty() && query[0] == '?') query.remove_prefix(1);
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) {
      out.emplace_back(form_decode(pair), "");
    } else {
      out.emplace_back(form_decode(pair.substr(0, eq)), form_decode(pair.substr(eq + 1)));
    }
  }
  return out;
}

std::optional<std::string> get(const Params& params, std::string_view key) {
  for (const auto& [k, v] : params) {
    if (k == key) return v;
  }
  return std::nullopt;
}

std::optional<std::string> append_path(std::string_view base, std::string_view path) {
  auto u = parse(base);
  if (!u) return std::nullopt;
  List<std::string> segments;
  std::string joined = cat(u->path, "/", std::string(path));
  size_t start = 0;
  while (start <= joined.size()) {
    size_t end = joined.find('/', start);
    if (end == std::string::npos) end = joined.size();
    std::string seg = joined.substr(start, end - start);
    start = end + 1;
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {  // "..." and longer are names (RFC 3986 §5.2.4, as path.posix.join)
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(seg);
  }
  std::string out = u->origin();
  if (segments.empty()) out += "/";
  for (const auto& s : segments) append_to(out, "/", s);
  return out;
}

}  // namespace logto::url
