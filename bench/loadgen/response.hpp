// Reading HTTP/1.1 responses off a byte stream, for logto-loadgen: where one ends, its status,
// and the few headers a scripted sign-in follows (Location, Set-Cookie).
#pragma once

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <string>

namespace loadgen {

struct Response {
  size_t length = 0;  // bytes of the whole response; 0 while it is incomplete
  int status = 0;
  bool close = false;  // the server will close the connection after it
  std::string head, body;
};

inline std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// A complete response at the start of `in`, or one with length 0.
inline Response read_response(const std::string& in, bool want_text) {
  Response r;
  size_t head_end = in.find("\r\n\r\n");
  if (head_end == std::string::npos) return r;
  std::string lower = lowercase(in.substr(0, head_end));
  size_t body_start = head_end + 4, body_end = body_start;
  size_t at = lower.find("\r\ncontent-length:");
  if (at != std::string::npos) {
    body_end = body_start + std::strtoul(lower.c_str() + at + 17, nullptr, 10);
    if (in.size() < body_end) return r;
  } else if (lower.find("\r\ntransfer-encoding: chunked") != std::string::npos) {
    size_t end = in.find("\r\n0\r\n\r\n", body_start - 2);
    if (end == std::string::npos) return r;
    body_end = end + 7;
  }
  r.length = body_end;
  r.status = std::atoi(in.c_str() + in.find(' ') + 1);
  r.close = lower.find("\r\nconnection: close") != std::string::npos;
  if (want_text) {
    r.head = in.substr(0, head_end);
    r.body = in.substr(body_start, body_end - body_start);
  }
  return r;
}

// The value of the first header `name` (lowercase), or "".
inline std::string header(const std::string& head, const std::string& name) {
  std::string lower = lowercase(head);
  size_t at = lower.find("\r\n" + name + ":");
  if (at == std::string::npos) return "";
  size_t start = head.find_first_not_of(' ', at + name.size() + 3);
  return head.substr(start, head.find("\r\n", start) - start);
}

// Every Set-Cookie's name=value into `jar` (attributes ignored).
inline void store_cookies(const std::string& head, std::map<std::string, std::string>& jar) {
  std::string lower = lowercase(head);
  for (size_t at = lower.find("\r\nset-cookie:"); at != std::string::npos;
       at = lower.find("\r\nset-cookie:", at + 1)) {
    size_t start = head.find_first_not_of(' ', at + 13);
    size_t end = std::min(head.find(';', start), head.find("\r\n", start));
    std::string pair = head.substr(start, end - start);
    size_t eq = pair.find('=');
    if (eq != std::string::npos) jar[pair.substr(0, eq)] = pair.substr(eq + 1);
  }
}

inline std::string cookie_header(const std::map<std::string, std::string>& jar) {
  std::string out;
  for (const auto& [name, value] : jar) out += (out.empty() ? "" : "; ") + name + "=" + value;
  return out;
}

// The text after `before` up to the next `until`, or "".
inline std::string between(const std::string& text, const std::string& before, char until) {
  size_t at = text.find(before);
  if (at == std::string::npos) return "";
  at += before.size();
  return text.substr(at, text.find(until, at) - at);
}

}  // namespace loadgen
