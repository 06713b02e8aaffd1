// OpenID Provider Metadata (OIDC Discovery 1.0 §3) and the JWKS.
#include "http/util.hpp"
#include "oidc/endpoints.hpp"
#include "oidc/tokens.hpp"

namespace provider::oidc {

void handle_discovery(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  http::apply_cors(req, res, ctx);
  std::string issuer = ctx.issuer();
  http::send_json(res, 200,
                  {{"issuer", issuer},
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
                   {"authorization_response_iss_parameter_supported", true}});
}

void handle_jwks(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  http::apply_cors(req, res, ctx);
  http::send_json(res, 200, jwks(ctx));
  res.set_header("Content-Type", "application/jwk-set+json");
}

void handle_preflight(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  http::apply_cors(req, res, ctx);
  res.status = 204;
}

}  // namespace provider::oidc
