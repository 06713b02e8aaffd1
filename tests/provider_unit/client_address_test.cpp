#include "http/client_address.hpp"

#include <doctest/doctest.h>

using provider::http::AddressBlock;
using provider::http::client_address;
using provider::http::forwarded_address;
using provider::http::ProxyTrust;

namespace {

ProxyTrust trusting(std::initializer_list<const char*> blocks, bool forwarded = false) {
  ProxyTrust trust;
  for (const char* b : blocks) trust.proxies.push_back(*AddressBlock::parse(b));
  trust.forwarded = forwarded;
  return trust;
}

}  // namespace

TEST_CASE("address blocks: IPv4 and IPv6, with and without a prefix, and what is refused") {
  CHECK(AddressBlock::parse("10.0.0.0/8")->contains("10.200.3.4"));
  CHECK_FALSE(AddressBlock::parse("10.0.0.0/8")->contains("11.0.0.1"));
  CHECK(AddressBlock::parse("127.0.0.1")->contains("127.0.0.1"));
  CHECK_FALSE(AddressBlock::parse("127.0.0.1")->contains("127.0.0.2"));
  CHECK(AddressBlock::parse("2001:db8::/32")->contains("2001:db8:1::5"));
  CHECK_FALSE(AddressBlock::parse("2001:db8::/32")->contains("2001:db9::5"));
  CHECK(AddressBlock::parse("::1")->contains("::1"));
  CHECK(AddressBlock::parse("0.0.0.0/0")->contains("203.0.113.9"));
  CHECK_FALSE(AddressBlock::parse("10.0.0.0/8")->contains("not an address"));
  for (const char* bad : {"", "abc", "10.0.0.0/33", "1.2.3.4/", "::/129", "1.2.3.4/x", "1.2.3"}) {
    CAPTURE(bad);
    CHECK_FALSE(AddressBlock::parse(bad).has_value());
  }
}

TEST_CASE("X-Forwarded-For is believed only from a trusted proxy, walking from the right") {
  auto trust = trusting({"10.0.0.0/8"});
  // Not from a proxy: the header is the client's own word and is ignored.
  CHECK(client_address(trust, "203.0.113.7", {"1.2.3.4"}) == "203.0.113.7");
  // From the proxy: the address it appended.
  CHECK(client_address(trust, "10.0.0.2", {"198.51.100.4"}) == "198.51.100.4");
  // A client's forged entries sit left of the real one and are never reached.
  CHECK(client_address(trust, "10.0.0.2", {"6.6.6.6, 198.51.100.4"}) == "198.51.100.4");
  // Two proxies of ours: the inner one is passed over.
  CHECK(client_address(trust, "10.0.0.2", {"6.6.6.6, 198.51.100.4, 10.0.0.9"}) == "198.51.100.4");
  // Several header lines are one list.
  CHECK(client_address(trust, "10.0.0.2", {"6.6.6.6", "198.51.100.4"}) == "198.51.100.4");
  // Every hop a proxy of ours: the leftmost.
  CHECK(client_address(trust, "10.0.0.2", {"10.1.1.1, 10.0.0.9"}) == "10.1.1.1");
  // A broken entry ends the walk at the hop that sent it.
  CHECK(client_address(trust, "10.0.0.2", {"198.51.100.4, junk"}) == "10.0.0.2");
  CHECK(client_address(trust, "10.0.0.2", {"junk, 198.51.100.4"}) == "198.51.100.4");
  // No header: the proxy itself.
  CHECK(client_address(trust, "10.0.0.2", {}) == "10.0.0.2");
}

TEST_CASE("the older trustProxy believes the last entry from anyone") {
  ProxyTrust trust;
  trust.any_last_hop = true;
  CHECK(client_address(trust, "203.0.113.7", {"6.6.6.6, 1.2.3.4"}) == "1.2.3.4");
  CHECK(client_address(trust, "203.0.113.7", {"not-an-address"}) == "203.0.113.7");
}

TEST_CASE("RFC 7239 Forwarded: the for= of each element, quoted, bracketed and with ports") {
  CHECK(*forwarded_address("for=192.0.2.60;proto=http;by=203.0.113.43", true) == "192.0.2.60");
  CHECK(*forwarded_address("for=\"[2001:db8:cafe::17]:4711\"", true) == "2001:db8:cafe::17");
  CHECK(*forwarded_address("For=\"192.0.2.60:8080\"", true) == "192.0.2.60");
  CHECK(*forwarded_address("proto=https;fOR=192.0.2.61", true) == "192.0.2.61");
  CHECK_FALSE(forwarded_address("for=unknown", true).has_value());
  CHECK_FALSE(forwarded_address("for=_hidden", true).has_value());
  CHECK_FALSE(forwarded_address("proto=https", true).has_value());
  auto trust = trusting({"::1", "127.0.0.1"}, true);
  CHECK(client_address(trust, "127.0.0.1", {"for=6.6.6.6, for=192.0.2.43;proto=https"}) ==
        "192.0.2.43");
  CHECK(client_address(trust, "192.0.2.1", {"for=192.0.2.43"}) == "192.0.2.1");
}
