// The JWKS asked for while the token request is out (a token request's `prefetch`,
// sdk/logto/oidc/http.hpp): the callback saves a round trip, and nothing else changes: one JWKS
// request, the same errors, no JWKS at all when the page checks ID tokens itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createFakeProvider } from '../support/fake-provider.mjs';
import { installFakeWindow, routeFetch } from '../support/fake-window.mjs';

const { navigations } = installFakeWindow();
const provider = await createFakeProvider({ base: 'http://provider.test', appId: 'app1' });

// Per test: what the token endpoint and the JWKS answer, around the fake provider.
let jwksAnswers = []; // queued answers for /oidc/jwks; the provider's own when empty
let tokenAnswer; // an answer for /oidc/token instead of the provider's
let jwksRequestedAt; // when the first JWKS request arrived in this test, else undefined
const requests = routeFetch(async (request) => {
  const { pathname } = new URL(request.url);
  if (pathname === '/oidc/jwks') {
    jwksRequestedAt ??= performance.now();
    if (jwksAnswers.length) return jwksAnswers.shift();
  }
  if (pathname === '/oidc/token') {
    // Answer once the JWKS has been asked for, or after 400 ms: a JWKS request that only
    // follows the answer shows up as `tokenAnsweredAfterJwks === false`.
    const until = performance.now() + 400;
    while (jwksRequestedAt === undefined && performance.now() < until) await new Promise((r) => setTimeout(r, 5));
    request.tokenAnsweredAfterJwks = jwksRequestedAt !== undefined;
    if (tokenAnswer) return tokenAnswer;
  }
  return provider.handle(request);
});
const { default: LogtoClient, LogtoRequestError } = await import('../../js/dist/logto.mjs');

const config = { endpoint: 'http://provider.test', appId: 'app1' };
const redirect = 'http://site.test/callback';
const jwksRequests = () => requests.filter((r) => new URL(r.url).pathname === '/oidc/jwks');
const tokenRequest = () => requests.findLast((r) => new URL(r.url).pathname === '/oidc/token');

async function callback(client) {
  await client.signIn(redirect);
  jwksRequestedAt = undefined;
  requests.length = 0;
  return client.handleSignInCallback(provider.authorize(navigations.at(-1)));
}

test('the JWKS is asked for while the code exchange is out, once, and the sign-in completes', async () => {
  const client = new LogtoClient(config);
  await callback(client);
  assert.equal(tokenRequest().tokenAnsweredAfterJwks, true, 'the JWKS request went out before the token answer');
  assert.equal(jwksRequests().length, 1);
  const order = requests.map((r) => `${r.method} ${new URL(r.url).pathname}`);
  assert.deepEqual(order, ['POST /oidc/token', 'GET /oidc/jwks'], 'the token request is sent first');
  assert.equal(await client.isAuthenticated(), true);
  assert.equal((await client.getIdTokenClaims()).sub, provider.state.sub);
  await client.clearAllTokens();
});

test('an early JWKS request that failed is sent again when the core asks for the set', async () => {
  const client = new LogtoClient(config);
  jwksAnswers = [{ status: 503, body: 'busy' }];
  await callback(client);
  assert.equal(jwksRequests().length, 2);
  assert.equal(await client.isAuthenticated(), true);
  await client.clearAllTokens();
});

test('a refused code exchange fails as before; the early JWKS is simply not used', async () => {
  const client = new LogtoClient(config);
  tokenAnswer = { status: 400, body: JSON.stringify({ error: 'invalid_grant', error_description: 'grant request is invalid' }) };
  try {
    await assert.rejects(callback(client), (e) => e instanceof LogtoRequestError || e.code === 'unexpected_response_error');
  } finally {
    tokenAnswer = undefined;
  }
  assert.ok(jwksRequests().length <= 1);
  assert.equal(await client.isAuthenticated(), false);
});

test('with the page checking ID tokens itself (setJwtVerifier), no JWKS is fetched', async () => {
  const client = new LogtoClient(config);
  const checked = [];
  client.setJwtVerifier({ verifyIdToken: async (idToken) => checked.push(idToken) });
  await callback(client);
  assert.equal(jwksRequests().length, 0);
  assert.equal(checked.length, 1);
  assert.equal(tokenRequest().tokenAnsweredAfterJwks, false);
  await client.clearAllTokens();
});

test('a second sign-in with the same client has the set already: no JWKS request at all', async () => {
  const client = new LogtoClient(config);
  await callback(client);
  await client.clearAllTokens();
  await callback(client);
  assert.equal(jwksRequests().length, 0);
  assert.equal(await client.isAuthenticated(), true);
  await client.clearAllTokens();
});
