// An OpenID provider that lies on cue, for tests of what an SDK refuses. It is a working
// provider (discovery, JWKS, authorization code with PKCE, rotating refresh tokens) whose every
// answer a test can rewrite through `script`: the discovery document, the callback URL's
// parameters, the ID token's claims or signature, the token response, or a whole response (a
// network failure too). Several clients (one per SDK under test) use it at once, each by its own
// appId. Every code and token it issues is recorded in `secrets`, so a test can check that no
// error carries one. Test scaffolding only.
import { constants, createHash, createHmac, generateKeyPairSync, randomBytes, sign } from 'node:crypto';

import { serveWithCors } from './cors-server.mjs';

const b64url = (bytes) => Buffer.from(bytes).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function publicJwk(key, extra) {
  return { ...key.export({ format: 'jwk' }), ...extra };
}

export async function serveHostileProvider() {
  const good = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const stranger = generateKeyPairSync('ec', { namedCurve: 'P-384' }); // in no JWKS
  const weak = generateKeyPairSync('rsa', { modulusLength: 512 });
  const goodJwk = publicJwk(good.publicKey, { kid: 'k1', alg: 'ES384', use: 'sig' });
  const weakJwk = publicJwk(weak.publicKey, { kid: 'weak', alg: 'RS256', use: 'sig' });
  // One key per other algorithm family, each with its own kid: tools.signedWith(alg).
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const others = {
    RS256: { key: rsa.privateKey, hash: 'sha256', jwk: publicJwk(rsa.publicKey, { kid: 'rs256' }) },
    PS384: { key: rsa.privateKey, hash: 'sha384', pss: 48, jwk: publicJwk(rsa.publicKey, { kid: 'ps384' }) },
    ES256: { ...(() => { const k = generateKeyPairSync('ec', { namedCurve: 'P-256' }); return { key: k.privateKey, jwk: publicJwk(k.publicKey, { kid: 'es256' }) }; })(), hash: 'sha256' },
    ES512: { ...(() => { const k = generateKeyPairSync('ec', { namedCurve: 'P-521' }); return { key: k.privateKey, jwk: publicJwk(k.publicKey, { kid: 'es512' }) }; })(), hash: 'sha512' },
  };

  const codes = new Map(); // code -> {clientId, challenge, redirectUri}
  const refreshTokens = new Map(); // token -> {clientId, sub}
  const secrets = new Set();
  const seen = []; // {method, path, form}
  let script = {};
  let base;

  const issuer = () => `${base}/oidc`;
  const secret = (kind) => {
    const value = `SECRET-${kind}-${b64url(randomBytes(12))}`;
    secrets.add(value);
    return value;
  };

  // Compact JWS with any header, signed as asked: es (the JWKS key, or `key`), rsa, hs, none.
  function jws(header, payload, how = 'es', key) {
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
    let signature = '';
    if (how === 'es') signature = b64url(sign('sha384', Buffer.from(input), { key: key ?? good.privateKey, dsaEncoding: 'ieee-p1363' }));
    if (how === 'rsa') signature = b64url(sign('sha256', Buffer.from(input), key));
    if (how === 'hs') signature = createHmac('sha256', key).update(input).digest('base64url');
    return `${input}.${signature}`;
  }

  // Ways to sign an ID token a test can pick in script.signIdToken(claims, tools).
  const tools = {
    good: (c) => jws({ alg: 'ES384', typ: 'JWT', kid: 'k1' }, c),
    // Signed by a key that is not the JWKS key, under the JWKS key's kid.
    forged: (c) => jws({ alg: 'ES384', typ: 'JWT', kid: 'k1' }, c, 'es', stranger.privateKey),
    unknownKid: (c) => jws({ alg: 'ES384', typ: 'JWT', kid: 'k9' }, c, 'es', stranger.privateKey),
    none: (c) => jws({ alg: 'none', typ: 'JWT' }, c, 'none'),
    // The classic confusion: the public key as an HMAC secret.
    hsWithPublicKey: (c) => jws({ alg: 'HS256', typ: 'JWT', kid: 'k1' }, c, 'hs', JSON.stringify(goodJwk)),
    weakRsa: (c) => jws({ alg: 'RS256', typ: 'JWT', kid: 'weak' }, c, 'rsa', weak.privateKey),
    signedWith: (alg) => (c) => {
      const o = others[alg];
      const input = `${b64url(JSON.stringify({ alg, typ: 'JWT', kid: o.jwk.kid }))}.${b64url(JSON.stringify(c))}`;
      const options = alg.startsWith('ES') ? { key: o.key, dsaEncoding: 'ieee-p1363' } : o.pss ? { key: o.key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: o.pss } : o.key;
      return `${input}.${b64url(sign(o.hash, Buffer.from(input), options))}`;
    },
  };

  async function idToken(ctx, sub) {
    let claims = { iss: issuer(), sub, aud: ctx.clientId, iat: now(), exp: now() + 3600, name: 'Alice' };
    if (script.claims) claims = script.claims(claims, ctx);
    const token = script.signIdToken ? script.signIdToken(claims, tools, ctx) : tools.good(claims);
    secrets.add(token);
    return token;
  }

  async function tokenResponse(ctx, sub) {
    const refresh = secret('RT');
    refreshTokens.set(refresh, { clientId: ctx.clientId, sub });
    let body = {
      access_token: secret('AT'),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'openid offline_access profile',
      refresh_token: refresh,
      id_token: await idToken(ctx, sub),
    };
    if (script.tokenBody) body = script.tokenBody(body, ctx);
    return json(200, body);
  }

  const json = (status, body) => ({ status, body: JSON.stringify(body), type: 'application/json' });

  // The sign-in step: the URL an SDK navigated to becomes the callback URL the provider sends
  // the browser to, with RFC 9207's `iss`.
  function authorize(signInUrl) {
    const p = new URL(signInUrl).searchParams;
    const code = secret('CODE');
    codes.set(code, { clientId: p.get('client_id'), challenge: p.get('code_challenge'), redirectUri: p.get('redirect_uri') });
    const params = new URLSearchParams({ code, state: p.get('state'), iss: issuer() });
    script.callback?.(params);
    return `${p.get('redirect_uri')}?${params}`;
  }

  async function handle(method, pathname, form) {
    switch (pathname) {
      case '/oidc/.well-known/openid-configuration': {
        const doc = {
          issuer: issuer(),
          authorization_endpoint: `${issuer()}/auth`,
          token_endpoint: `${issuer()}/token`,
          userinfo_endpoint: `${issuer()}/me`,
          end_session_endpoint: `${issuer()}/session/end`,
          revocation_endpoint: `${issuer()}/token/revocation`,
          jwks_uri: `${issuer()}/jwks`,
        };
        return json(200, script.discovery ? script.discovery(doc) : doc);
      }
      case '/oidc/jwks':
        return json(200, { keys: [goodJwk, weakJwk, ...Object.values(others).map((o) => o.jwk)] });
      case '/oidc/token': {
        const ctx = { clientId: form.get('client_id'), grant: form.get('grant_type') };
        const scripted = await script.token?.(ctx, form);
        if (scripted) return scripted;
        if (ctx.grant === 'authorization_code') {
          const grant = codes.get(form.get('code'));
          codes.delete(form.get('code'));
          const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
          if (!grant || grant.clientId !== ctx.clientId || grant.challenge !== challenge || grant.redirectUri !== form.get('redirect_uri')) {
            return json(400, { error: 'invalid_grant', error_description: 'grant request is invalid' });
          }
          return tokenResponse(ctx, 'alice');
        }
        if (ctx.grant === 'refresh_token') {
          const entry = refreshTokens.get(form.get('refresh_token'));
          refreshTokens.delete(form.get('refresh_token')); // rotation
          if (!entry || entry.clientId !== ctx.clientId) return json(400, { error: 'invalid_grant' });
          return tokenResponse(ctx, script.refreshSub ?? entry.sub);
        }
        return json(400, { error: 'unsupported_grant_type' });
      }
      case '/oidc/token/revocation':
        return { status: 200, body: '', type: 'text/plain' };
      default:
        return json(404, { code: 'not_found', message: `No route ${method} ${pathname}` });
    }
  }

  const server = await serveWithCors(async ({ method, url, body }) => {
    const { pathname } = new URL(url);
    const form = new URLSearchParams(body);
    seen.push({ method, path: pathname, form });
    return (await script.respond?.(pathname, form)) ?? handle(method, pathname, form);
  });
  base = server.base;

  return {
    get base() {
      return base;
    },
    issuer,
    authorize,
    secrets,
    seen,
    tools,
    setScript(next) {
      script = next ?? {};
    },
    close: server.close,
  };
}
