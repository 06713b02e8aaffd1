// The access token /oidc/me accepts: opaque, as Logto issues it without a resource (one ES384
// signature fewer per exchange); looked up by its hash, refused when unknown, expired, revoked
// by RFC 7009 or with its grant (a replayed code); a resource's token stays a JWT and is not
// accepted at /oidc/me.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';

import { browserSignIn, cli, signInForTokens, startProvider } from '../support/provider-process.mjs';

const API = 'https://api.example.test';
let provider, app, other;

before(async () => {
  provider = await startProvider({ settings: { accessTokenTtl: 2 } });
  app = cli(provider.dataDir, 'app', 'create', '--name', 'Site', '--redirect-uri', 'http://app.test/callback');
  other = cli(provider.dataDir, 'app', 'create', '--name', 'Other', '--redirect-uri', 'http://app.test/callback');
  cli(provider.dataDir, 'user', 'create', '--username', 'ada', '--password', 'correct horse');
  cli(provider.dataDir, 'resource', 'create', '--indicator', API, '--name', 'API');
});
after(async () => {
  await provider.stop();
  provider.cleanup();
});

const me = (token) => fetch(`${provider.base}/oidc/me`, { headers: { authorization: `Bearer ${token}` } });
async function refused(token, description) {
  const r = await me(token);
  assert.equal(r.status, 401);
  assert.match(r.headers.get('www-authenticate'), /^Bearer error="invalid_token"/);
  const body = await r.json();
  assert.equal(body.error, 'invalid_token');
  assert.match(body.error_description, description);
}
const revoke = (clientId, token) =>
  fetch(`${provider.base}/oidc/token/revocation`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: clientId, token }) });

test('without a resource the access token is opaque and /oidc/me answers it', async () => {
  const tokens = await signInForTokens(provider, app.id);
  assert.match(tokens.access_token, /^[\w-]{43}$/, 'no JWT: 32 random bytes, base64url');
  assert.equal(tokens.expires_in, 2);
  const r = await me(tokens.access_token);
  assert.equal(r.status, 200);
  const claims = await r.json();
  assert.equal(claims.username, 'ada');
  // One character changed: unknown.
  const last = tokens.access_token.at(-1) === 'A' ? 'B' : 'A';
  await refused(tokens.access_token.slice(0, -1) + last, /unknown or was revoked/);
  // A refreshed token works too, and the first keeps working until it expires.
  const refreshed = await (await fetch(`${provider.base}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'refresh_token', client_id: app.id, refresh_token: tokens.refresh_token }) })).json();
  assert.match(refreshed.access_token, /^[\w-]{43}$/);
  assert.notEqual(refreshed.access_token, tokens.access_token);
  assert.equal((await me(refreshed.access_token)).status, 200);
  await sleep(2100);
  await refused(tokens.access_token, /has expired/);
});

test('revocation (RFC 7009) takes an opaque access token back, only for its own client', async () => {
  const tokens = await signInForTokens(provider, app.id);
  const wrong = await revoke(other.id, tokens.access_token);
  assert.equal(wrong.status, 200, 'RFC 7009: 200 either way');
  assert.equal((await me(tokens.access_token)).status, 200, 'another client cannot revoke it');
  assert.equal((await revoke(app.id, tokens.access_token)).status, 200);
  await refused(tokens.access_token, /unknown or was revoked/);
  // The refresh token is untouched by revoking the access token.
  const r = await fetch(`${provider.base}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'refresh_token', client_id: app.id, refresh_token: tokens.refresh_token }) });
  assert.equal(r.status, 200);
});

test('a replayed code revokes the grant, and with it the opaque access token', async () => {
  const { randomBytes, createHash } = await import('node:crypto');
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(`${provider.base}/oidc/auth`);
  for (const [k, v] of Object.entries({ client_id: app.id, redirect_uri: 'http://app.test/callback', response_type: 'code', scope: 'openid profile', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' })) url.searchParams.set(k, v);
  const { callback } = await browserSignIn(url.href, { identifier: 'ada', password: 'correct horse' });
  const code = new URL(callback).searchParams.get('code');
  const exchange = () =>
    fetch(`${provider.base}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', client_id: app.id, code, redirect_uri: 'http://app.test/callback', code_verifier: verifier }) });
  const tokens = await (await exchange()).json();
  assert.equal((await me(tokens.access_token)).status, 200);
  assert.equal((await exchange()).status, 400);
  await refused(tokens.access_token, /grant behind the token was revoked/);
});

test("a resource's token is a JWT for that resource, not accepted at /oidc/me", async () => {
  const tokens = await signInForTokens(provider, app.id, { resource: API });
  assert.equal(tokens.access_token.split('.').length, 3);
  assert.equal(JSON.parse(Buffer.from(tokens.access_token.split('.')[1], 'base64url')).aud, API);
  await refused(tokens.access_token, /not for this endpoint/);
});
