#include "logto/encoding/url.hpp"

#include "logto/encoding/cat.hpp"

#include <cctype>

namespace logto::url {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool valid_scheme(std::string_view s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return false;
    }
  }
  return true;
}

std::string default_port(const std::string& scheme) {
  if (scheme == "http") return "80";
  if (scheme == "https") return "443";
  return "";
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
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

std::optional<Url> parse(std::string_view text) {
  Url u;
  auto colon = text.find(':');
  if (colon == std::string_view::npos || !valid_scheme(text.substr(0, colon))) return std::nullopt;
  u.scheme = lower(text.substr(0, colon));
  std::string_view rest = text.substr(colon + 1);
  if (rest.substr(0, 2) != "//") return std::nullopt;
  rest.remove_prefix(2);

  auto hash = rest.find('#');
  if (hash != std::string_view::npos) {
    u.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  auto qmark = rest.find('?');
  if (qmark != std::string_view::npos) {
    u.has_query = true;
    u.query = std::string(rest.substr(qmark + 1));
    rest = rest.substr(0, qmark);
  }
  auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  u.path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));

  auto at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);  // userinfo is not origin
  std::string_view host = authority, port;
  if (!authority.empty() && authority[0] == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(0, close + 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return std::nullopt;
      port = after.substr(1);
    }
  } else {
    auto pc = authority.rfind(':');
    if (pc != std::string_view::npos) {
      host = authority.substr(0, pc);
      port = authority.substr(pc + 1);
    }
  }
  if (host.empty()) return std::nullopt;
  for (char c : host) {
    if (c <= ' ' || c == '/' || c == '\\' || c == '?' || c == '#' || c == '%') return std::nullopt;
  }
  for (char c : port) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  if (port.size() > 5) return std::nullopt;
  u.host = lower(host);
  // Normalise the port the way URL.origin does: leading zeros and the default port vanish.
  std::string p(port);
  while (p.size() > 1 && p[0] == '0') p.erase(0, 1);
  // At most five digits (checked above), so the value fits; stoul would pull in strtoul.
  unsigned long value = 0;
  for (char c : p) value = value * 10 + static_cast<unsigned long>(c - '0');
  if (!p.empty() && value > 65535) return std::nullopt;
  u.port = p == default_port(u.scheme) ? "" : p;
  return u;
}

namespace {

void form_encode_to(std::string& out, std::string_view value) {
  static const char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '*' || c == '-' || c == '.' || c == '_') {
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
    if (seg.find_first_not_of('.') == std::string::npos) {
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
