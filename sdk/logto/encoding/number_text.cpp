// json_text::append_number, the writer of numbers made in code, in a file of its own: an archive
// member is only linked where nothing else defines its symbol, and the browser modules define
// append_number with the page's own number-to-text (bindings/browser_numbers.cpp).
#include "logto/encoding/json.hpp"

#include <cmath>
#include <cstdint>

namespace logto::json_text {
namespace {

void write_unsigned(std::string& out, unsigned v) {
  char buf[12];
  size_t n = 0;
  do {
    buf[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) out += buf[--n];
}

}  // namespace

// Numbers made in code (read ones keep their text): integers exactly, as JSON.stringify writes
// them; a fraction with the fewest decimals that the value shows when scaled by ten (an expiry
// from a fractional expires_in, say), which is exact for short decimals and close otherwise
// (about 15 significant digits). Natively only: the browser modules write JavaScript's own
// text for the number. No libm and no printf. The digits are made last to first in a buffer,
// the point among them, so no string is edited.
void append_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";  // as JSON.stringify writes NaN and Infinity
    return;
  }
  if (v < 0) {
    out += '-';
    v = -v;
  }
  constexpr double kExact = 9007199254740992.0;  // 2^53: every integer below it is exact
  unsigned exponent = 0;
  while (v >= kExact) {
    v /= 1e4;
    exponent += 4;
  }
  size_t decimals = 0;
  while (std::floor(v) != v && v * 10 < kExact) {
    v *= 10;
    ++decimals;
  }
  auto n = static_cast<uint64_t>(v + 0.5);
  while (decimals > 0 && n % 10 == 0) {  // rounding may end the fraction in zeros
    n /= 10;
    --decimals;
  }
  // Fraction digits, the point, then at least one integer digit ("0.05"). At most 340 decimals
  // (the smallest double, 5e-324, scaled by ten until it nears 2^53) and 16 digits besides.
  char buf[360];
  size_t len = 0;
  const size_t least = decimals ? decimals + 2 : 1;
  do {
    if (decimals && len == decimals) buf[len++] = '.';
    buf[len++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n || len < least);
  while (len) out += buf[--len];
  if (exponent > 0) {
    out += 'e';
    write_unsigned(out, exponent);
  }
}

}  // namespace logto::json_text
