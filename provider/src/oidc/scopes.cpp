#include "oidc/scopes.hpp"

#include <algorithm>
#include <sstream>

namespace provider::oidc {
namespace {

bool is_oidc_scope(const std::string& word) {
  static const char* const supported[] = {"openid",
                                          "offline_access",
                                          "profile",
                                          "phone",
                                          kRolesScope,
                                          kOrganizationsScope,
                                          kOrganizationRolesScope};
  return std::any_of(std::begin(supported), std::end(supported),
                     [&](const char* s) { return word == s; });
}

std::string join_unique(const std::vector<std::string>& words, bool (*keep)(const std::string&)) {
  std::string out;
  std::vector<std::string> seen;
  for (const auto& w : words) {
    if (!keep(w) || std::find(seen.begin(), seen.end(), w) != seen.end()) continue;
    seen.push_back(w);
    out += (out.empty() ? "" : " ") + w;
  }
  return out;
}

}  // namespace

std::vector<std::string> scope_words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

std::string granted_scope(const std::string& requested) {
  return join_unique(scope_words(requested), is_oidc_scope);
}

std::string extra_scope(const std::string& requested) {
  return join_unique(scope_words(requested),
                     [](const std::string& w) { return !is_oidc_scope(w); });
}

bool has_scope(const std::string& scope, const std::string& wanted) {
  auto words = scope_words(scope);
  return std::find(words.begin(), words.end(), wanted) != words.end();
}

std::string issued_scope(const std::vector<std::string>& requested,
                         const std::vector<std::string>& held) {
  std::string out;
  std::vector<std::string> seen;
  for (const auto& w : requested) {
    if (std::find(held.begin(), held.end(), w) == held.end()) continue;
    if (std::find(seen.begin(), seen.end(), w) != seen.end()) continue;
    seen.push_back(w);
    out += (out.empty() ? "" : " ") + w;
  }
  return out;
}

}  // namespace provider::oidc
