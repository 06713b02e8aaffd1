// URLs: the subset of RFC 3986 / the WHATWG URL standard the client needs, and query strings
// serialised byte-for-byte like the browser's URLSearchParams (which @logto/js uses), so the
// URLs we build are identical to @logto/browser's.
#pragma once

#include "logto/list.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace logto::url {

struct Url {
  std::string scheme;  // lower case, without ':'
  std::string host;    // lower case; IPv6 keeps its brackets
  std::string port;    // empty when absent or the scheme's default
  std::string path;    // "/" at least for http(s)
  std::string query;   // without '?'
  std::string fragment;
  bool has_query = false;

  std::string origin() const;  // scheme://host[:port]
  std::string origin_and_path() const { return origin() + path; }
};

// Parses an absolute URL with an authority (http, https, or custom schemes with '//').
// Returns nullopt for relative or malformed input.
std::optional<Url> parse(std::string_view text);

using Params = List<std::pair<std::string, std::string>>;

// application/x-www-form-urlencoded, the URLSearchParams way: space becomes '+', and every
// byte except ALPHA / DIGIT / '*' '-' '.' '_' is percent-encoded in upper-case hex.
std::string form_encode(std::string_view value);
std::string form_decode(std::string_view value);
std::string serialize(const Params& params);
// Appends `key=value`, both form-encoded, to a query or form body, after a '&' unless `out` is
// empty: builders write their pairs straight into the text instead of a Params list first.
void add_param(std::string& out, std::string_view key, std::string_view value);
Params parse_query(std::string_view query);

// The first value of `key`, or nullopt.
std::optional<std::string> get(const Params& params, std::string_view key);

// `base` with `path` appended the way @silverhand/essentials' appendPath does: segments
// joined with single slashes; the query and fragment of `base` dropped.
std::optional<std::string> append_path(std::string_view base, std::string_view path);

}  // namespace logto::url
