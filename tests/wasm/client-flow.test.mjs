// The dist ES module under Node with a fake window and an in-process provider: every public
// method of LogtoClient driven through the WebAssembly core, with what it stores and sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createFakeProvider } from '../support/fake-provider.mjs';
import { installFakeWindow, routeFetch } from '../support/fake-window.mjs';

const { window, navigations } = installFakeWindow();
const provider = await createFakeProvider({ base: 'http://provider.test', appId: 'app1' });
const requests = routeFetch(provider.handle);
const { default: LogtoClient, LogtoClientError, LogtoWasmError, LogtoError, LogtoRequestError, OidcError, Prompt, UserScope, ReservedScope, ReservedResource } =
  await import('../../js/dist/logto.mjs');

const config = { endpoint: 'http://provider.test', appId: 'app1' };
const redirect = 'http://site.test/callback';
const count = (path) => requests.filter((r) => new URL(r.url).pathname === path).length;

async function signInAndCallback(client) {
  await client.signIn(redirect);
  return provider.authorize(navigations.at(-1));
}

test('constants have @logto/browser values', () => {
  assert.equal(Prompt.Consent, 'consent');
  assert.equal(UserScope.Phone, 'phone');
  assert.equal(ReservedScope.OfflineAccess, 'offline_access');
  assert.equal(ReservedResource.Organization, 'urn:logto:resource:organizations');
});

test('the constructor is synchronous and does no I/O', () => {
  const before = requests.length;
  const client = new LogtoClient(config);
  // Normalised as @logto/client's normalizeLogtoConfig does; the caller's object is untouched.
  assert.deepEqual(client.logtoConfig, {
    ...config,
    prompt: 'consent',
    scopes: ['openid', 'offline_access', 'profile'],
    resources: undefined,
    includeReservedScopes: true,
  });
  assert.deepEqual(config, { endpoint: 'http://provider.test', appId: 'app1' });
  assert.equal(requests.length, before);
});

test('signIn → callback → tokens under @logto keys → signOut clears them', async () => {
  const client = new LogtoClient(config);
  assert.equal(await client.isAuthenticated(), false);
  await client.signIn(redirect);
  const url = new URL(navigations.at(-1));
  assert.equal(url.origin + url.pathname, 'http://provider.test/oidc/auth');
  assert.deepEqual([...url.searchParams.keys()], [
    'client_id', 'redirect_uri', 'code_challenge', 'code_challenge_method', 'state', 'response_type', 'prompt', 'scope',
  ]);
  assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(url.searchParams.get('scope'), 'openid offline_access profile');
  const session = JSON.parse(window.sessionStorage.getItem('logto:app1:signInSession'));
  assert.equal(session.redirectUri, redirect);
  assert.equal(session.state, url.searchParams.get('state'));
  assert.equal(await client.isSignInRedirected(provider.authorize(url.href)), true);

  await client.handleSignInCallback(provider.authorize(url.href));
  assert.equal(window.sessionStorage.getItem('logto:app1:signInSession'), null);
  assert.deepEqual(window.localStorage.keys(), [
    'logto:app1:accessToken', 'logto:app1:idToken', 'logto:app1:refreshToken',
  ]);
  assert.equal(await client.isAuthenticated(), true);
  const claims = await client.getIdTokenClaims();
  assert.equal(claims.sub, 'user-1');
  assert.equal(claims.name, 'Ada');
  assert.equal(await client.getIdToken(), window.localStorage.getItem('logto:app1:idToken'));
  assert.equal(await client.getRefreshToken(), window.localStorage.getItem('logto:app1:refreshToken'));
  const stored = JSON.parse(window.localStorage.getItem('logto:app1:accessToken'))['@'];
  assert.equal(await client.getAccessToken(), stored.token);
  assert.deepEqual(await client.getAccessTokenClaims(), {}); // opaque token
  assert.equal((await client.fetchUserInfo()).name, 'Ada');
  const me = requests.findLast((r) => r.url.endsWith('/oidc/me'));
  assert.deepEqual(me.headers, { Authorization: `Bearer ${stored.token}` });
  assert.equal((await client.getOidcConfig()).tokenEndpoint, 'http://provider.test/oidc/token');

  await client.signOut('http://site.test/');
  assert.deepEqual(window.localStorage.keys(), []);
  const out = new URL(navigations.at(-1));
  assert.equal(out.pathname, '/oidc/session/end');
  assert.equal(out.searchParams.get('post_logout_redirect_uri'), 'http://site.test/');
  assert.equal(await client.isAuthenticated(), false);
});

test('the token request is sent exactly as the core describes it', async () => {
  const client = new LogtoClient(config);
  await client.handleSignInCallback(await signInAndCallback(client));
  const post = requests.findLast((r) => r.url.endsWith('/oidc/token'));
  assert.equal(post.method, 'POST');
  assert.deepEqual(post.headers, { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.deepEqual([...new URLSearchParams(post.body).keys()], [
    'client_id', 'code', 'code_verifier', 'redirect_uri', 'grant_type',
  ]);
  await client.clearAllTokens();
});

test('handleSignInCallback twice with one URL shares one exchange (React StrictMode)', async () => {
  const client = new LogtoClient(config);
  const callback = await signInAndCallback(client);
  const before = count('/oidc/token');
  await Promise.all([client.handleSignInCallback(callback), client.handleSignInCallback(callback)]);
  assert.equal(count('/oidc/token') - before, 1);
  await client.handleSignInCallback(callback); // again after it finished: nothing spent
  assert.equal(count('/oidc/token') - before, 1);
  assert.equal(await client.isAuthenticated(), true);
  await client.clearAllTokens();
});

test('concurrent getAccessToken calls share one refresh', async () => {
  const client = new LogtoClient(config);
  await client.handleSignInCallback(await signInAndCallback(client));
  await client.clearAccessToken();
  const before = count('/oidc/token');
  const [a, b, c] = await Promise.all([client.getAccessToken(), client.getAccessToken(), client.getAccessToken()]);
  assert.equal(count('/oidc/token') - before, 1);
  assert.equal(a, b);
  assert.equal(b, c);
  await client.clearAllTokens();
});

// The memo fast path (js/src/client.js): repeated reads answer without the core while storage is
// as the core read it; any change, from this tab, another tab or by hand, goes back to the core.
test('repeated token reads skip the core, and see every storage change at once', async () => {
  const client = new LogtoClient(config);
  await client.handleSignInCallback(await signInAndCallback(client));
  const token = await client.getAccessToken();
  const starts = [];
  const symbol = Object.getOwnPropertySymbols(client).find((s) => client[s]?.call);
  const inner = client[symbol];
  const { call } = inner;
  client[symbol] = { ...inner, call: (method, args, nav) => (starts.push(method), call(method, args, nav)) };
  // A memo answers with one storage read per item it depends on; the core reads more.
  const storage = window.localStorage;
  const getItem = storage.getItem;
  let reads = 0;
  storage.getItem = function (key) {
    reads += 1;
    return getItem.call(this, key);
  };
  try {
    assert.equal(await client.getAccessToken(), token);
    assert.equal(reads, 2, 'idToken and the token map, read by the memo');
    assert.equal(await client.isAuthenticated(), true);
    reads = 0;
    assert.equal(await client.isAuthenticated(), true);
    assert.equal(reads, 1);
  } finally {
    storage.getItem = getItem;
  }
  // Not even the first isAuthenticated: the build's record of the core's rule answered it.
  assert.deepEqual(starts, [], 'no read reached the core');

  // Another tab stores a fresh token map: seen by the very next call.
  const map = JSON.parse(window.localStorage.getItem('logto:app1:accessToken'));
  map['@'].token = 'from-another-tab';
  window.localStorage.setItem('logto:app1:accessToken', JSON.stringify(map));
  assert.equal(await client.getAccessToken(), 'from-another-tab');
  // Another tab signs out: the ID token is gone, so no token is served.
  window.localStorage.removeItem('logto:app1:idToken');
  await assert.rejects(client.getAccessToken(), (e) => e.code === 'not_authenticated');
  assert.equal(await client.isAuthenticated(), false);
  client[symbol] = inner;
  await client.clearAllTokens();
});

test('a memo ends at the token’s expiry and when storage cannot be read', async () => {
  const client = new LogtoClient(config);
  await client.handleSignInCallback(await signInAndCallback(client));
  const first = await client.getAccessToken();
  assert.equal(await client.isAuthenticated(), true); // memoised from here on
  const realNow = Date.now;
  const expiresAt = JSON.parse(window.localStorage.getItem('logto:app1:accessToken'))['@'].expiresAt;
  Date.now = () => expiresAt * 1000 + 1;
  try {
    const refreshed = await client.getAccessToken(); // past expiry: the core refreshes
    assert.notEqual(refreshed, first);
  } finally {
    Date.now = realNow;
  }
  window.localStorage.failWith = new Error('storage is disabled');
  try {
    // Not the memo's `true`: the core reads, and says why it cannot.
    await assert.rejects(client.isAuthenticated(), (e) => e.code === 'storage_unavailable');
  } finally {
    window.localStorage.failWith = null;
  }
  await client.clearAllTokens();
});

test('numbers the core makes are written as JavaScript writes them', async () => {
  // A fractional lifetime makes an expiry whose shortest text has many digits: the browser
  // modules write the page's own String(value) (bindings/browser_numbers.cpp), so the stored
  // text is exactly what JSON.stringify makes of the value it holds.
  provider.state.accessTokenTtl = 1 / 3;
  const realNow = Date.now;
  Date.now = () => 1764300000123;
  try {
    const client = new LogtoClient(config);
    await client.handleSignInCallback(await signInAndCallback(client));
    const text = window.localStorage.getItem('logto:app1:accessToken');
    const { expiresAt } = JSON.parse(text)['@'];
    assert.equal(expiresAt, 1764300000 + 1 / 3); // the request's whole second plus expires_in
    assert.match(text, /"expiresAt":1764300000\.3333333/);
    assert.equal(text, JSON.stringify(JSON.parse(text)));
    await client.clearAllTokens();
  } finally {
    Date.now = realNow;
    provider.state.accessTokenTtl = 3600;
  }
});

test('errors keep @logto classes and codes', async () => {
  const noSession = new LogtoClient(config);
  await assert.rejects(noSession.handleSignInCallback('http://site.test/callback?code=x&state=y'), (e) => {
    assert.ok(e instanceof LogtoClientError);
    assert.equal(e.name, 'LogtoClientError');
    assert.equal(e.code, 'sign_in_session.not_found');
    assert.match(e.message, /Sign-in session not found/);
    return true;
  });

  const client = new LogtoClient(config);
  await client.signIn(redirect);
  await assert.rejects(client.handleSignInCallback(`${redirect}?error=access_denied&error_description=no`), (e) => {
    assert.ok(e instanceof LogtoError);
    assert.equal(e.code, 'callback_uri_verification.error_found');
    assert.ok(e.data instanceof OidcError);
    assert.equal(e.data.error, 'access_denied');
    assert.equal(e.data.errorDescription, 'no');
    return true;
  });

  // Bytes that are not UTF-8 (%FF, a lone continuation byte, a cut-off sequence) reach the page
  // as U+FFFD: the core writes them as they are and the TextDecoder every text leaves through
  // replaces them (cmake/wasm.cmake, LOGTO_HOST_DECODES_UTF8).
  await client.signIn(redirect);
  await assert.rejects(client.handleSignInCallback(`${redirect}?error=a%FFb%80c%E2%82&error_description=%C3%A9`), (e) => {
    assert.equal(e.code, 'callback_uri_verification.error_found');
    assert.equal(e.data.error, 'a\uFFFDb\uFFFDc\uFFFD');
    assert.equal(e.data.errorDescription, 'é');
    assert.ok(e.message.includes('"a\uFFFDb\uFFFDc\uFFFD": é'), e.message);
    return true;
  });

  await client.signIn(redirect);
  const state = new URL(navigations.at(-1)).searchParams.get('state');
  await assert.rejects(client.handleSignInCallback(`${redirect}?code=forged&state=${state}`), (e) => {
    // An RFC 6749 error body (not Logto's {code, message}): what @logto/browser throws for it.
    assert.ok(e instanceof LogtoError);
    assert.equal(e.code, 'unexpected_response_error');
    assert.deepEqual(e.data, { error: 'invalid_grant', error_description: 'grant request is invalid' });
    return true;
  });

  await assert.rejects(new LogtoClient({ endpoint: 'http://provider.test' }).isAuthenticated(), (e) => {
    assert.ok(e instanceof LogtoWasmError);
    assert.equal(e.name, 'LogtoWasmError');
    assert.equal(e.code, 'invalid_config');
    assert.match(e.message, /appId/);
    return true;
  });
  await assert.rejects(client.signIn(), (e) => e.code === 'invalid_config' && /redirect URI/.test(e.message));
});

test('a failed fetch rethrows fetch’s own TypeError', async () => {
  const original = globalThis.fetch;
  const failure = new TypeError('Failed to fetch');
  globalThis.fetch = async () => {
    throw failure;
  };
  try {
    await assert.rejects(new LogtoClient({ ...config, appId: 'offline' }).getOidcConfig(), (e) => e === failure);
  } finally {
    globalThis.fetch = original;
  }
});

test('a refused storage write is a typed error and the core keeps working', async () => {
  const client = new LogtoClient(config);
  const quota = new Error('The quota has been exceeded.');
  quota.name = 'QuotaExceededError';
  window.sessionStorage.failWith = quota;
  try {
    await assert.rejects(client.signIn(redirect), (e) => {
      assert.ok(e instanceof LogtoWasmError);
      assert.ok(!(e instanceof LogtoClientError));
      assert.equal(e.code, 'storage_unavailable');
      assert.match(e.message, /QuotaExceededError: The quota has been exceeded/);
      assert.match(e.message, /logto:app1:signInSession/);
      return true;
    });
  } finally {
    window.sessionStorage.failWith = null;
  }
  assert.equal(await client.isAuthenticated(), false);
  await client.signIn(redirect);
  assert.ok(window.sessionStorage.getItem('logto:app1:signInSession'));
});
