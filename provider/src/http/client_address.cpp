#include "http/client_address.hpp"

#include <arpa/inet.h>

#include <cstring>

namespace provider::http {
namespace {

std::optional<std::array<unsigned char, 16>> address_bytes(const std::string& text, bool& v4) {
  std::array<unsigned char, 16> out{};
  unsigned char four[4];
  if (inet_pton(AF_INET, text.c_str(), four) == 1) {
    v4 = true;
    out[10] = out[11] = 0xff;
    std::memcpy(out.data() + 12, four, 4);
    return out;
  }
  v4 = false;
  if (inet_pton(AF_INET6, text.c_str(), out.data()) == 1) return out;
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<AddressBlock> AddressBlock::parse(std::string_view text) {
  auto slash = text.find('/');
  std::string address(text.substr(0, slash));
  bool v4 = false;
  auto bytes = address_bytes(address, v4);
  if (!bytes) return std::nullopt;
  AddressBlock block;
  block.bytes_ = *bytes;
  int max = v4 ? 32 : 128;
  int prefix = max;
  if (slash != std::string_view::npos) {
    std::string_view digits = text.substr(slash + 1);
    if (digits.empty() || digits.size() > 3) return std::nullopt;
    prefix = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      prefix = prefix * 10 + (c - '0');
    }
    if (prefix > max) return std::nullopt;
  }
  block.prefix_ = v4 ? prefix + 96 : prefix;
  return block;
}

bool AddressBlock::contains(std::string_view address) const {
  bool v4 = false;
  auto bytes = address_bytes(std::string(address), v4);
  if (!bytes) return false;
  int bits = prefix_;
  for (size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    unsigned char mask = bits >= 8 ? 0xff : static_cast<unsigned char>(0xff << (8 - bits));
    if (((*bytes)[i] & mask) != (bytes_[i] & mask)) return false;
  }
  return true;
}

std::optional<std::string> forwarded_address(std::string_view entry, bool forwarded_syntax) {
  entry = trim(entry);
  if (forwarded_syntax) {
    // for=...; by=...; proto=... : only the `for` pair, its value maybe quoted.
    std::optional<std::string_view> value;
    while (!entry.empty()) {
      auto semicolon = entry.find(';');
      std::string_view pair = trim(entry.substr(0, semicolon));
      entry = semicolon == std::string_view::npos ? "" : entry.substr(semicolon + 1);
      // Parameter names are case-insensitive (RFC 7239 §4).
      auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
      if (pair.size() > 4 && lower(pair[0]) == 'f' && lower(pair[1]) == 'o' &&
          lower(pair[2]) == 'r' && pair[3] == '=') {
        value = pair.substr(4);
      }
    }
    if (!value) return std::nullopt;
    entry = *value;
    if (entry.size() >= 2 && entry.front() == '"' && entry.back() == '"') {
      entry = entry.substr(1, entry.size() - 2);
    }
    if (!entry.empty() && entry.front() == '[') {  // [v6] or [v6]:port
      auto close = entry.find(']');
      if (close == std::string_view::npos) return std::nullopt;
      entry = entry.substr(1, close - 1);
    } else if (auto colon = entry.find(':'); colon != std::string_view::npos &&
                                             entry.find(':', colon + 1) == std::string_view::npos) {
      entry = entry.substr(0, colon);  // v4:port
    }
  }
  std::string address(entry);
  bool v4 = false;
  if (!address_bytes(address, v4)) return std::nullopt;
  return address;
}

std::string client_address(const ProxyTrust& trust, const std::string& peer,
                           const std::vector<std::string>& header_values) {
  auto trusted = [&](const std::string& address) {
    for (const auto& block : trust.proxies) {
      if (block.contains(address)) return true;
    }
    return false;
  };
  if (!trust.any_last_hop && !trusted(peer)) return peer;
  // Every entry, left to right, over every line of the header.
  std::vector<std::string_view> entries;
  for (const auto& line : header_values) {
    std::string_view rest = line;
    while (true) {
      auto comma = rest.find(',');
      entries.push_back(rest.substr(0, comma));
      if (comma == std::string_view::npos) break;
      rest = rest.substr(comma + 1);
    }
  }
  std::string client = peer;
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    auto address = forwarded_address(*it, trust.forwarded);
    if (!address) break;  // a broken entry: nothing left of it can be believed
    client = *address;
    // The older setting believes one hop; a listed proxy passes the walk on to the next.
    if (trust.any_last_hop || !trusted(client)) break;
  }
  return client;
}

}  // namespace provider::http
