// Strings built from pieces in one pass: cat("Expected \"", a, "\", got ", b, ".") appends every
// piece to one string, and append_to(out, ...) to an existing one. A chain of `+` makes, moves
// and destroys a temporary at each `+`, which in WebAssembly is a call and a stack slot apiece
// at every message and every JSON text the core writes (docs/wasm-size.md).
#pragma once

#include <string>
#include <type_traits>

namespace logto {
namespace detail {

inline void append_piece(std::string& out, const char* text) {
  out.append(text);
}
inline void append_piece(std::string& out, const std::string& text) {
  out.append(text);
}

// Instantiated once per sequence of piece kinds (text, string, or a piece type with its own
// append_piece, found by argument-dependent lookup: json_text::quoted), not per literal length.
template <class... Pieces>
void append_pieces(std::string& out, Pieces... pieces) {
  (append_piece(out, pieces), ...);
}

template <class... Pieces>
std::string cat_pieces(Pieces... pieces) {
  std::string out;
  append_pieces<Pieces...>(out, pieces...);
  return out;
}

template <class T>
using CatPiece = std::conditional_t<
    std::is_convertible_v<const T&, const char*>, const char*,
    std::conditional_t<std::is_convertible_v<const T&, const std::string&>, const std::string&, T>>;

}  // namespace detail

template <class... Parts>
std::string cat(const Parts&... parts) {
  return detail::cat_pieces<detail::CatPiece<Parts>...>(parts...);
}

template <class... Parts>
void append_to(std::string& out, const Parts&... parts) {
  detail::append_pieces<detail::CatPiece<Parts>...>(out, parts...);
}

}  // namespace logto
