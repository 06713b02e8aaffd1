// Our SDK against a provider that lies, in Chromium, beside the real @logto/browser on the
// same answers: forged and mis-signed ID tokens, mix-up (RFC 9207), a refresh that switches the
// user, a token response without an ID token, and every HTTP failure @logto types. Each case
// asserts what ours refuses, with which error; where @logto/browser has the same duty
// (typing HTTP failures) the two must agree. Every error is checked for secrets: no code, code
// verifier or token the provider issued may appear in its message, data, stack or text.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';

import { launchChromium } from '../support/chromium.mjs';
import { serveHostileProvider } from '../support/hostile-provider.mjs';
import { serveSiteWithPeer } from '../support/peer-site.mjs';

const appIds = { ours: 'app-ours', logto: 'app-logto' };
let provider, site, browser, page;

before(async () => {
  provider = await serveHostileProvider();
  site = await serveSiteWithPeer();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', () => {}); // @logto/browser logs every failed request
  await page.goto(`${site.origin}/hostile.html`);
  await page.waitForFunction(() => window.ready === true);
});

after(async () => {
  await browser?.close();
  await site?.close();
  await provider?.close();
});

const redirect = () => `${site.origin}/callback`;

// A fresh client per SDK (fresh discovery and JWKS caches), empty storage, an honest provider.
beforeEach(async () => {
  provider.setScript({});
  await page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  for (const sdk of Object.keys(appIds)) {
    await page.evaluate(([s, config]) => window.make(s, config), [sdk, { endpoint: provider.base, appId: appIds[sdk] }]);
  }
});

const call = (sdk, method, ...args) => page.evaluate(([s, m, a]) => window.call(s, m, ...a), [sdk, method, args]);

// signIn, then the provider's redirect back; resolves to the callback's outcome.
async function signIn(sdk) {
  assert.deepEqual(await call(sdk, 'signIn', redirect()), { value: null });
  const signInUrl = await page.evaluate((s) => window.lastNavigation(s), sdk);
  const session = JSON.parse((await page.evaluate(() => window.storage()))[`logto:${appIds[sdk]}:signInSession`]);
  provider.secrets.add(session.codeVerifier);
  return call(sdk, 'handleSignInCallback', provider.authorize(signInUrl));
}

// No secret the provider issued (or the SDK's code verifier) in what an error shows.
function assertNoSecrets(error) {
  const shown = JSON.stringify([error.message, error.data, error.stack, error.text]);
  for (const secret of provider.secrets) {
    assert.ok(!shown.includes(secret), `the error shows a secret (${secret.slice(0, 14)}...): ${shown.slice(0, 300)}`);
  }
}

async function refused(sdk, outcome, check) {
  assert.ok(outcome.error, `${sdk} accepted it: ${JSON.stringify(outcome.value)}`);
  assertNoSecrets(outcome.error);
  check?.(outcome.error);
  assert.deepEqual(await call(sdk, 'isAuthenticated'), { value: false }, `${sdk} stored the tokens`);
  return outcome.error;
}

const tokenPosts = (sdk) => provider.seen.filter((r) => r.path === '/oidc/token' && r.form.get('client_id') === appIds[sdk]).length;

// --- ID tokens: every accepted algorithm family verifies through WebCrypto.

test('ID tokens signed RS256, PS384, ES256 and ES512 are accepted, as by @logto/browser', async () => {
  for (const alg of ['RS256', 'PS384', 'ES256', 'ES512']) {
    provider.setScript({ signIdToken: (c, t) => t.signedWith(alg)(c) });
    for (const sdk of ['ours', 'logto']) {
      await page.evaluate(([s, config]) => window.make(s, config), [sdk, { endpoint: provider.base, appId: appIds[sdk] }]);
      assert.deepEqual(await signIn(sdk), { value: null }, `${sdk} ${alg}`);
      assert.equal((await call(sdk, 'getIdTokenClaims')).value.sub, 'alice');
    }
  }
});

// --- ID tokens: the refusals that already held, now with data a program can read.

const idTokenCases = [
  ['a signature by another key under the JWKS kid', { signIdToken: (c, t) => t.forged(c) }, 'signature_invalid', 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'],
  ['alg none', { signIdToken: (c, t) => t.none(c) }, 'alg_not_allowed', 'ERR_JOSE_NOT_SUPPORTED'],
  ['HS256 keyed with the public key', { signIdToken: (c, t) => t.hsWithPublicKey(c) }, 'alg_not_allowed', 'ERR_JOSE_NOT_SUPPORTED'],
  ['a kid in no JWKS', { signIdToken: (c, t) => t.unknownKid(c) }, 'key_not_found', 'ERR_JWKS_NO_MATCHING_KEY'],
  ['a 512-bit RSA key', { signIdToken: (c, t) => t.weakRsa(c) }, 'key_unusable', undefined],
  ['another issuer', { claims: (c) => ({ ...c, iss: 'https://evil.example/oidc' }) }, 'claim_mismatch', 'ERR_JWT_CLAIM_VALIDATION_FAILED', 'iss'],
  ['another audience', { claims: (c) => ({ ...c, aud: 'someone-else' }) }, 'claim_mismatch', 'ERR_JWT_CLAIM_VALIDATION_FAILED', 'aud'],
  ['expired', { claims: (c) => ({ ...c, exp: c.iat - 3600 }) }, 'expired', 'ERR_JWT_EXPIRED', 'exp'],
  ['no sub (which @logto/browser accepts)', { claims: ({ sub, ...c }) => c }, 'claim_missing', 'ERR_JWT_CLAIM_VALIDATION_FAILED', 'sub'],
];

for (const [name, script, reason, joseCode, claim] of idTokenCases) {
  test(`ID token refused: ${name}; data names the reason`, async () => {
    provider.setScript(script);
    await refused('ours', await signIn('ours'), (e) => {
      assert.equal(e.name, 'LogtoError');
      assert.equal(e.code, 'id_token.invalid_token');
      assert.equal(e.data.reason, reason);
      assert.equal(e.data.joseCode, joseCode);
      if (claim) assert.equal(e.data.claim, claim);
    });
    // @logto/browser lets jose's error out: its code is the joseCode we give alongside.
    const logto = await signIn('logto');
    if (logto.error?.code?.startsWith('ERR_')) assert.equal(logto.error.code, joseCode);
  });
}

test('ID token refused: iat outside the 300 s window, with Logto’s code', async () => {
  provider.setScript({ claims: (c) => ({ ...c, iat: c.iat - 1000 }) });
  const ours = await refused('ours', await signIn('ours'), (e) => {
    assert.equal(e.code, 'id_token.invalid_iat');
    assert.equal(e.data.reason, 'iat_out_of_window');
    assert.equal(e.data.claim, 'iat');
  });
  const logto = await refused('logto', await signIn('logto'));
  assert.equal(logto.code, ours.code);
});

test('forged state: refused before any token request, and the message repeats no state', async () => {
  provider.setScript({ callback: (p) => p.set('state', 'forged-state') });
  const before = tokenPosts('ours');
  const e = await refused('ours', await signIn('ours'), (err) => assert.equal(err.code, 'callback_uri_verification.state_mismatched'));
  assert.ok(!e.message.includes('forged-state'));
  assert.equal(tokenPosts('ours'), before);
});

// --- Mix-up (RFC 9207).

test('mix-up: a response naming another issuer is refused before its code is exchanged', async () => {
  for (const advertised of [true, false]) {
    provider.setScript({
      discovery: (doc) => ({ ...doc, authorization_response_iss_parameter_supported: advertised }),
      callback: (p) => p.set('iss', 'https://attacker.example/oidc'),
    });
    await page.evaluate(([s, config]) => window.make(s, config), ['ours', { endpoint: provider.base, appId: appIds.ours }]);
    const before = tokenPosts('ours');
    await refused('ours', await signIn('ours'), (e) => {
      assert.equal(e.name, 'LogtoWasmError');
      assert.deepEqual(e.instanceOf, ['LogtoWasmError']);
      assert.equal(e.code, 'callback_uri_verification.issuer_mismatched');
      assert.deepEqual(e.data, { reason: 'issuer_mismatched', claim: 'iss', expected: provider.issuer(), found: 'https://attacker.example/oidc' });
      assert.match(e.message, /RFC 9207/);
    });
    assert.equal(tokenPosts('ours'), before, 'the code went to the token endpoint');
  }
});

test('mix-up: a provider that advertises iss must send it', async () => {
  provider.setScript({
    discovery: (doc) => ({ ...doc, authorization_response_iss_parameter_supported: true }),
    callback: (p) => p.delete('iss'),
  });
  await refused('ours', await signIn('ours'), (e) => assert.equal(e.code, 'callback_uri_verification.missing_issuer'));
  // The provider's own iss is accepted: the same flow signs in.
  provider.setScript({ discovery: (doc) => ({ ...doc, authorization_response_iss_parameter_supported: true }) });
  assert.deepEqual(await signIn('ours'), { value: null });
});

// --- A refresh that switches the user (OpenID Connect Core §12.2).

test('refresh: an ID token for another user signs the session out instead of switching to it', async () => {
  assert.deepEqual(await signIn('ours'), { value: null });
  assert.equal((await call('ours', 'getIdTokenClaims')).value.sub, 'alice');
  provider.setScript({ refreshSub: 'mallory' });
  await call('ours', 'clearAccessToken');
  const e = await refused('ours', await call('ours', 'getAccessToken'), (err) => {
    assert.equal(err.code, 'id_token.invalid_token');
    assert.deepEqual(err.data, {
      reason: 'identity_changed',
      joseCode: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
      claim: 'sub',
      expected: 'alice',
      found: 'mallory',
    });
  });
  assert.equal(e.name, 'LogtoError');
  const left = Object.keys(await page.evaluate(() => window.storage())).filter((k) => k.startsWith(`logto:${appIds.ours}:`));
  assert.deepEqual(left, [], 'nothing of either user is left');
  assert.equal((await call('ours', 'getIdTokenClaims')).error.code, 'not_authenticated');
});

test('refresh: an ID token that fails verification stores nothing from that response', async () => {
  assert.deepEqual(await signIn('ours'), { value: null });
  const before = await page.evaluate(() => window.storage());
  provider.setScript({ signIdToken: (c, t) => t.forged(c) });
  await call('ours', 'clearAccessToken');
  const { error } = await call('ours', 'getAccessToken');
  assert.equal(error.data.reason, 'signature_invalid');
  assertNoSecrets(error);
  const after = await page.evaluate(() => window.storage());
  const key = (k) => `logto:${appIds.ours}:${k}`;
  assert.equal(after[key('idToken')], before[key('idToken')]);
  assert.equal(after[key('refreshToken')], before[key('refreshToken')]);
  assert.equal(JSON.stringify(Object.keys(JSON.parse(after[key('accessToken')] ?? '{}'))), '[]');
});

// --- Tokens inside errors.

test('a token response without an ID token: the error holds none of the tokens', async () => {
  provider.setScript({ tokenBody: ({ id_token, ...rest }) => rest });
  await refused('ours', await signIn('ours'), (e) => {
    assert.equal(e.code, 'unexpected_response_error');
    assert.deepEqual(e.data, { reason: 'token_response.invalid', field: 'id_token' });
  });
});

test('a token response that is not JSON is described, not quoted', async () => {
  provider.setScript({ token: () => ({ status: 200, body: `access_token=${[...provider.secrets].at(-1)}`, type: 'text/plain' }) });
  await refused('ours', await signIn('ours'), (e) => {
    assert.equal(e.code, 'unexpected_response_error');
    assert.equal(e.data.reason, 'response.not_json');
  });
});

// --- HTTP failures, typed exactly as @logto/browser types them.

const failures = [
  ['500 with an HTML page', { status: 500, body: '<html><body>Internal error</body></html>', type: 'text/html' }],
  ['502 with an empty body', { status: 502, statusText: 'Bad Gateway', body: '' }],
  ['429 with an empty body', { status: 429, statusText: 'Too Many Requests', body: '' }],
  ['429 with Logto’s JSON', { status: 429, body: JSON.stringify({ code: 'guard.rate_limited', message: 'Slow down' }), type: 'application/json' }],
  ['400 with Logto’s JSON', { status: 400, body: JSON.stringify({ code: 'oidc.invalid_grant', message: 'Grant request is invalid.' }), type: 'application/json' }],
  ['400 with an OAuth error body', { status: 400, body: JSON.stringify({ error: 'invalid_request', error_description: 'nope' }), type: 'application/json' }],
  ['no response at all', { destroy: true }],
];

// What must match: class, code, status (on the cause), data; the message where @logto sets one
// from the response (ours may add a sentence after @logto's).
function assertSameFailure(ours, logto) {
  assert.deepEqual(
    { name: ours.name, constructorName: ours.constructorName, instanceOf: ours.instanceOf, code: ours.code, causeStatus: ours.causeStatus, causeBody: ours.causeBody, data: ours.data, ownKeys: ours.ownKeys },
    { name: logto.name, constructorName: logto.constructorName, instanceOf: logto.instanceOf, code: logto.code, causeStatus: logto.causeStatus, causeBody: logto.causeBody, data: logto.data, ownKeys: logto.ownKeys },
  );
  if (ours.name === 'LogtoError') assert.ok(ours.message.startsWith(logto.message), `${ours.message} / ${logto.message}`);
  else assert.equal(ours.message, logto.message);
}

for (const [name, response] of failures) {
  test(`token endpoint ${name}: the same error as @logto/browser`, async () => {
    provider.setScript({ token: () => response });
    const [ours, logto] = [await signIn('ours'), await signIn('logto')];
    assert.ok(ours.error && logto.error);
    assertSameFailure(ours.error, logto.error);
    assertNoSecrets(ours.error);
  });

  test(`discovery ${name}: the same error as @logto/browser`, async () => {
    provider.setScript({ respond: (path) => (path.endsWith('/openid-configuration') ? response : undefined) });
    const [ours, logto] = [await call('ours', 'getOidcConfig'), await call('logto', 'getOidcConfig')];
    assert.ok(ours.error && logto.error);
    assertSameFailure(ours.error, logto.error);
  });
}

test('refresh answered with Logto’s invalid_grant: @logto’s error, and ours signs out', async () => {
  for (const sdk of ['ours', 'logto']) assert.deepEqual(await signIn(sdk), { value: null });
  provider.setScript({ token: failures[4][1] && (() => failures[4][1]) });
  for (const sdk of ['ours', 'logto']) await call(sdk, 'clearAccessToken');
  const [ours, logto] = [await call('ours', 'getAccessToken'), await call('logto', 'getAccessToken')];
  assertSameFailure(ours.error, logto.error);
  assert.equal(ours.error.code, 'oidc.invalid_grant');
  // The grant is dead: ours drops the tokens so the app shows a signed-out user.
  assert.deepEqual(await call('ours', 'isAuthenticated'), { value: false });
});
