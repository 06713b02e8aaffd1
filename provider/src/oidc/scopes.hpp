// Scope words (RFC 6749 §3.3): which OIDC scopes this provider grants, which other words (API
// and organization permissions) a request carries, and what a token gets of them. Pure.
#pragma once

#include <string>
#include <vector>

namespace provider::oidc {

// The OIDC scopes this provider grants, in request order without repeats; others are dropped
// from this set, as OIDC allows.
std::string granted_scope(const std::string& requested);
// The request's other words (permission names), in order without repeats.
std::string extra_scope(const std::string& requested);
bool has_scope(const std::string& scope, const std::string& wanted);
std::vector<std::string> scope_words(const std::string& text);

// The requested words that are also held, in request order without repeats: what an access
// token for a resource or an organization gets (Logto drops what is unknown or not held).
std::string issued_scope(const std::vector<std::string>& requested,
                         const std::vector<std::string>& held);

// The OIDC scopes that name Logto's role and organization claims.
constexpr const char* kRolesScope = "roles";
constexpr const char* kOrganizationsScope = "urn:logto:scope:organizations";
constexpr const char* kOrganizationRolesScope = "urn:logto:scope:organization_roles";
constexpr const char* kOrganizationUrnPrefix = "urn:logto:organization:";
constexpr const char* kOrganizationsResource = "urn:logto:resource:organizations";

}  // namespace provider::oidc
