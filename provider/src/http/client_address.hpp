// Which address a request came from, for the per-address limits and lockouts. Behind a load
// balancer or reverse proxy the socket's peer is the proxy; the client is in X-Forwarded-For
// (or RFC 7239 Forwarded), but only a proxy named in `trustedProxies` may say so: a header
// from anyone else is ignored, so a client cannot pick a fresh address per request.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace provider::http {

// An address or a CIDR block, IPv4 or IPv6 ("10.0.0.0/8", "::1", "127.0.0.1").
class AddressBlock {
 public:
  // nullopt for anything that is not an address with an optional prefix length.
  static std::optional<AddressBlock> parse(std::string_view text);
  bool contains(std::string_view address) const;

 private:
  std::array<unsigned char, 16> bytes_{};  // IPv4 as ::ffff:a.b.c.d
  int prefix_ = 128;
};

struct ProxyTrust {
  std::vector<AddressBlock> proxies;  // trustedProxies
  bool forwarded = false;             // read `Forwarded` instead of X-Forwarded-For
  bool any_last_hop = false;          // trustProxy: true, the older setting (one proxy, anyone)
};

// The client's address: the peer, unless the peer is a trusted proxy; then the header's
// entries from the right, each trusted proxy passed over, up to the first that is not one
// (or the leftmost, if all are). An entry that is not an address ends the walk at the hop
// that sent it. `header_values` are the header's lines in order.
std::string client_address(const ProxyTrust& trust, const std::string& peer,
                           const std::vector<std::string>& header_values);

// The address in one X-Forwarded-For or Forwarded entry ("for=\"[2001:db8::1]:4711\"",
// "203.0.113.5"), or nullopt.
std::optional<std::string> forwarded_address(std::string_view entry, bool forwarded_syntax);

}  // namespace provider::http
