// OpenID Provider Metadata (OIDC Discovery 1.0 §3) and the JWKS.
#include "http/util.hpp"
#include "oidc/endpoints.hpp"
#include "oidc/tokens.hpp"

namespace provider::oidc {

namespace {

nlohmann::json discovery_document(const std::string& issuer) {
  return {{"issuer", issuer},
          {"authorization_endpoint", issuer + "/auth"},
          {"token_endpoint", issuer + "/token"},
          {"userinfo_endpoint", issuer + "/me"},
          {"end_session_endpoint", issuer + "/session/end"},
          {"revocation_endpoint", issuer + "/token/revocation"},
          {"jwks_uri", issuer + "/jwks"},
          {"response_types_supported", {"code"}},
          {"response_modes_supported", {"query"}},
          {"grant_types_supported", {"authorization_code", "refresh_token"}},
          {"code_challenge_methods_supported", {"S256"}},
          {"scopes_supported", {"openid", "offline_access", "profile", "phone"}},
          {"claims_supported",
           {"sub", "iss", "aud", "exp", "iat", "auth_time", "nonce", "name", "username",
            "phone_number", "phone_number_verified"}},
          {"subject_types_supported", {"public"}},
          {"id_token_signing_alg_values_supported", {"ES384"}},
          {"token_endpoint_auth_methods_supported",
           {"none", "client_secret_basic", "client_secret_post"}},
          {"revocation_endpoint_auth_methods_supported", {"none", "client_secret_post"}},
          {"claims_parameter_supported", false},
          {"request_parameter_supported", false},
          {"authorization_response_iss_parameter_supported", true}};
}

// The document depends only on the issuer: each thread keeps its text, so a request neither
// rebuilds it nor takes a lock.
const std::string& discovery_text(const std::string& issuer) {
  thread_local std::string for_issuer;
  thread_local std::string text;
  if (text.empty() || for_issuer != issuer) {
    text = discovery_document(issuer).dump();
    for_issuer = issuer;
  }
  return text;
}

}  // namespace

void handle_discovery(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  http::apply_cors(req, res, ctx);
  res.set_header("Cache-Control", "no-store");
  res.set_content(discovery_text(ctx.issuer()), "application/json");
}

void handle_jwks(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  http::apply_cors(req, res, ctx);
  // The text made when the key set last changed (context.hpp), not rebuilt per request.
  res.set_header("Cache-Control", "no-store");
  res.set_content(ctx.signing_keys()->jwks_json, "application/jwk-set+json");
}

void handle_preflight(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  http::apply_cors(req, res, ctx);
  res.status = 204;
}

}  // namespace provider::oidc
