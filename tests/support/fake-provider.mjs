// A small OpenID provider for SDK tests: discovery, JWKS (ES384), authorization code with
// PKCE S256, rotating refresh tokens, userinfo and revocation. Tests "authorize" by calling
// authorize() with the sign-in URL the SDK navigated to. It answers in-process (handle) for
// Node tests and over HTTP with CORS (listen) for browser tests. Test scaffolding only: the
// real provider lives in provider/.
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { serveWithCors } from './cors-server.mjs';

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');

export async function createFakeProvider({ base = 'http://provider.test', appId = 'app1' } = {}) {
  const issuer = `${base}/oidc`;
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, [
    'sign',
    'verify',
  ]);
  const jwk = { ...(await webcrypto.subtle.exportKey('jwk', keys.publicKey)), kid: 'k1', alg: 'ES384', use: 'sig' };
  delete jwk.key_ops;
  delete jwk.ext;

  const codes = new Map(); // code -> {challenge, redirectUri, scope}
  const refreshTokens = new Map(); // token -> {active}
  const seen = []; // every request: {method, path, body}
  const state = { sub: 'user-1', accessTokenTtl: 3600, nextRefresh: 1, tokenDelayMs: 0 };

  async function sign(payload) {
    const header = b64url(JSON.stringify({ alg: 'ES384', typ: 'JWT', kid: 'k1' }));
    const body = b64url(JSON.stringify(payload));
    const signature = await webcrypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-384' },
      keys.privateKey,
      Buffer.from(`${header}.${body}`),
    );
    return `${header}.${body}.${b64url(new Uint8Array(signature))}`;
  }

  function idTokenClaims() {
    const now = Math.floor(Date.now() / 1000);
    return { iss: issuer, sub: state.sub, aud: appId, iat: now, exp: now + 3600, name: 'Ada', phone_number: '+819012345678' };
  }

  async function tokens(scope) {
    const refresh = `rt-${state.nextRefresh++}-${b64url(randomBytes(6))}`;
    refreshTokens.set(refresh, { active: true });
    return {
      access_token: `at-${b64url(randomBytes(6))}`,
      token_type: 'Bearer',
      expires_in: state.accessTokenTtl,
      scope,
      refresh_token: refresh,
      id_token: await sign(idTokenClaims()),
    };
  }

  const json = (status, body) => ({ status, body: JSON.stringify(body), type: 'application/json' });

  // The sign-in step: takes the URL the SDK navigated to and returns the callback URL.
  function authorize(signInUrl) {
    const url = new URL(signInUrl);
    const p = url.searchParams;
    const code = `code-${b64url(randomBytes(9))}`;
    codes.set(code, {
      challenge: p.get('code_challenge'),
      redirectUri: p.get('redirect_uri'),
      scope: p.get('scope'),
    });
    return `${p.get('redirect_uri')}?code=${code}&state=${encodeURIComponent(p.get('state'))}&iss=${encodeURIComponent(issuer)}`;
  }

  async function handle({ method = 'GET', url, body = '' }) {
    const { pathname } = new URL(url);
    seen.push({ method, path: pathname, body });
    const form = new URLSearchParams(body);
    switch (pathname) {
      case '/oidc/.well-known/openid-configuration':
        return json(200, {
          issuer,
          authorization_endpoint: `${issuer}/auth`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/me`,
          end_session_endpoint: `${issuer}/session/end`,
          revocation_endpoint: `${issuer}/token/revocation`,
          jwks_uri: `${issuer}/jwks`,
        });
      case '/oidc/jwks':
        return json(200, { keys: [jwk] });
      case '/oidc/token': {
        // A slow token endpoint widens the window in which two tabs could race a refresh.
        if (state.tokenDelayMs) await new Promise((r) => setTimeout(r, state.tokenDelayMs));
        if (form.get('client_id') !== appId) return json(400, { error: 'invalid_client' });
        if (form.get('grant_type') === 'authorization_code') {
          const grant = codes.get(form.get('code'));
          codes.delete(form.get('code'));
          const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
          if (!grant || grant.challenge !== challenge || grant.redirectUri !== form.get('redirect_uri')) {
            return json(400, { error: 'invalid_grant', error_description: 'grant request is invalid' });
          }
          return json(200, await tokens(grant.scope));
        }
        if (form.get('grant_type') === 'refresh_token') {
          const entry = refreshTokens.get(form.get('refresh_token'));
          if (!entry?.active) {
            return json(400, { error: 'invalid_grant', error_description: 'grant request is invalid' });
          }
          entry.active = false; // rotation: each refresh token works once
          return json(200, await tokens('openid offline_access profile'));
        }
        return json(400, { error: 'unsupported_grant_type' });
      }
      case '/oidc/me':
        return json(200, { sub: state.sub, name: 'Ada', phone_number: '+819012345678' });
      case '/oidc/token/revocation':
        refreshTokens.delete(form.get('token'));
        return { status: 200, body: '', type: 'text/plain' };
      default:
        return json(404, { code: 'not_found', message: `No route ${pathname}` });
    }
  }

  return { issuer, handle, authorize, sign, seen, state, refreshTokens, idTokenClaims };
}

// The fake provider over HTTP on a free loopback port, CORS open to the test pages' origins.
export async function serveFakeProvider(options = {}) {
  let provider;
  const server = await serveWithCors((request) => provider.handle(request));
  const { base } = server;
  provider = await createFakeProvider({ ...options, base });
  return { ...provider, base, close: server.close };
}
