// logto-wasm beside the real @logto/browser 3.x (a devDependency), in one Node process with a
// fake window and provider: the same exports, prototypes, instance members, normalised config,
// error objects and helper results for the same inputs; then the members that must mean the same
// with a C++ core (adapter.navigate, setJwtVerifier, BaseClient's adapter) driven for real.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createFakeProvider } from '../support/fake-provider.mjs';
import { installFakeWindow, routeFetch } from '../support/fake-window.mjs';

const { window, navigations } = installFakeWindow();
const provider = await createFakeProvider({ base: 'http://provider.test', appId: 'app1' });
routeFetch(provider.handle);
const logto = await import('@logto/browser');
const ours = await import('../../js/dist/logto.mjs');

const config = { endpoint: 'http://provider.test', appId: 'app1' };
const redirect = 'http://site.test/callback';

const chain = (object) => {
  const out = [];
  for (let p = Object.getPrototypeOf(object); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    out.push([p.constructor.name, Object.getOwnPropertyNames(p).sort()]);
  }
  return out;
};
// @logto/client's private helpers (TypeScript `private`) are prototype methods too; not API.
const privateMembers = ['setIdToken', 'setRefreshToken', 'getAccessTokenByRefreshToken', 'saveAccessTokenMap', 'loadAccessTokenMap'];

test('every export of @logto/browser, and only LogtoWasmError besides', () => {
  const theirs = Object.keys(logto).sort();
  const mine = Object.keys(ours).sort();
  assert.deepEqual(mine.filter((k) => !theirs.includes(k)), ['LogtoWasmError']);
  assert.deepEqual(theirs.filter((k) => !mine.includes(k)), []);
  for (const name of theirs) assert.equal(typeof ours[name], typeof logto[name], name);
  for (const name of ['Prompt', 'ReservedScope', 'ReservedResource', 'UserScope', 'PersistKey', 'organizationUrnPrefix']) {
    assert.deepEqual(ours[name], logto[name], name);
  }
  for (const name of theirs.filter((k) => typeof logto[k] === 'function')) {
    assert.equal(ours[name].name, logto[name].name, `${name}.name`);
  }
});

test('the client has the same prototype chain, methods and own members', () => {
  const theirs = new logto.default(config);
  const mine = new ours.default(config);
  const strip = (c) => c.map(([name, members]) => [name, members.filter((m) => !privateMembers.includes(m))]);
  assert.deepEqual(strip(chain(mine)), strip(chain(theirs)));
  assert.deepEqual(
    Object.keys(mine).sort(),
    Object.keys(theirs).filter((k) => k !== 'accessTokenMap').sort(),
  );
  assert.deepEqual(Object.keys(mine.adapter).sort(), Object.keys(theirs.adapter).sort());
  assert.equal(mine.adapter.constructor.name, theirs.adapter.constructor.name);
  assert.deepEqual(chain(mine.adapter), chain(theirs.adapter));
  assert.equal(mine.jwtVerifier.constructor.name, theirs.jwtVerifier.constructor.name);
  assert.deepEqual(Object.keys(mine.jwtVerifier).sort(), Object.keys(theirs.jwtVerifier).sort());
  assert.equal(new ours.BaseClient(config, mine.adapter).constructor.name, 'LogtoClient');
});

test('logtoConfig is normalised exactly as @logto/client does', () => {
  const configs = [
    config,
    { ...config, scopes: ['email', 'openid'], prompt: ['login', 'consent'] },
    { ...config, scopes: [ours.UserScope.Organizations], resources: ['https://api'] },
    { ...config, scopes: ['urn:logto:scope:organizations'], resources: ['urn:logto:resource:organizations'] },
    { ...config, includeReservedScopes: false, scopes: ['email'], appSecret: 's', extra: 1 },
  ];
  for (const c of configs) {
    assert.deepEqual(new ours.default(c).logtoConfig, new logto.default(c).logtoConfig, JSON.stringify(c));
  }
  const withCache = new ours.default(config, true);
  assert.equal(withCache.adapter.unstable_cache.getKey('jwks'), new logto.default(config, true).adapter.unstable_cache.getKey('jwks'));
});

test('error objects are built the same', () => {
  const response = new Response('x', { status: 500 });
  const cases = [
    ['LogtoError', ['unexpected_response_error', { a: 1 }]],
    ['LogtoError', ['id_token.invalid_token']],
    ['LogtoClientError', ['not_authenticated']],
    ['LogtoClientError', ['missing_scope_organizations', 'data']],
    ['LogtoRequestError', ['http_error_500', 'Internal Server Error', response]],
    ['OidcError', ['invalid_grant', 'expired']],
  ];
  for (const [name, args] of cases) {
    const a = new logto[name](...args);
    const b = new ours[name](...args);
    assert.equal(b.name, a.name);
    assert.equal(b.constructor.name, a.constructor.name);
    assert.equal(b.message, a.message);
    assert.equal(b instanceof Error, a instanceof Error);
    assert.deepEqual(Object.keys(b).sort(), Object.keys(a).sort());
    for (const key of Object.keys(a)) assert.equal(b[key], a[key], `${name}.${key}`);
    assert.equal(ours.isLogtoRequestError(b), logto.isLogtoRequestError(a));
  }
  for (const value of [null, undefined, {}, 'LogtoRequestError', { name: 'LogtoRequestError' }, new Error('x')]) {
    assert.equal(ours.isLogtoRequestError(value), logto.isLogtoRequestError(value));
  }
});

test('helpers give the same results for the same inputs', async () => {
  for (const id of ['org1', '', 'a:b']) {
    assert.equal(ours.buildOrganizationUrn(id), logto.buildOrganizationUrn(id));
    assert.equal(ours.getOrganizationIdFromUrn(logto.buildOrganizationUrn(id)), id);
  }
  for (const bad of ['org1', 'urn:logto:organizatio']) {
    assert.throws(() => logto.getOrganizationIdFromUrn(bad), TypeError);
    assert.throws(() => ours.getOrganizationIdFromUrn(bad), { name: 'TypeError', message: 'Invalid organization URN.' });
  }
  // RFC 7636 appendix B, and verifiers of other lengths and alphabets.
  const verifiers = ['dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', logto.generateCodeVerifier(), 'a', 'ünïcödé'];
  for (const v of verifiers) assert.equal(await ours.generateCodeChallenge(v), await logto.generateCodeChallenge(v));
  assert.equal(await ours.generateCodeChallenge(verifiers[0]), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  for (const make of ['generateCodeVerifier', 'generateState']) {
    const values = new Set(Array.from({ length: 20 }, () => ours[make]()));
    assert.equal(values.size, 20, `${make} repeats`);
    for (const v of values) {
      assert.match(v, /^[A-Za-z0-9_-]{86}$/);
      assert.equal(v.length, logto[make]().length);
    }
  }
  const storages = [new ours.BrowserStorage('app9'), new logto.BrowserStorage('app9')];
  assert.equal(storages[0].getKey(), storages[1].getKey());
  assert.equal(storages[0].getKey('idToken'), storages[1].getKey('idToken'));
  await storages[0].setItem('signInSession', 's');
  await storages[0].setItem('idToken', 't');
  assert.equal(await storages[1].getItem('signInSession'), 's');
  assert.equal(window.sessionStorage.getItem('logto:app9:signInSession'), 's');
  assert.equal(await storages[1].getItem('idToken'), 't');
  await storages[0].removeItem('idToken');
  assert.equal(await storages[1].getItem('idToken'), null);
});

test('createRequester answers the same responses the same way', async () => {
  const responses = [
    () => new Response('{"ok":true}', { status: 200 }),
    () => new Response('{"code":"session.not_found","message":"No session"}', { status: 400 }),
    () => new Response('<html>oops</html>', { status: 500 }),
    () => new Response('', { status: 429, statusText: 'Too Many Requests' }),
    () => new Response('{"error":"x"}', { status: 401 }),
  ];
  const quiet = console.error;
  console.error = () => {};
  try {
    for (const make of responses) {
      const settle = (p) => p.then((value) => ({ value }), (e) => ({ name: e.name, code: e.code, message: e.message, status: e.cause?.status, data: e.data }));
      const a = await settle(logto.createRequester(async () => make())('http://x'));
      const b = await settle(ours.createRequester(async () => make())('http://x'));
      assert.deepEqual(b, a);
    }
  } finally {
    console.error = quiet;
  }
});

async function signInAndBack(client) {
  await client.signIn(redirect);
  const back = provider.authorize(navigations.at(-1));
  await client.handleSignInCallback(back);
  return back;
}

test('adapter.navigate performs the navigations, with Logto parameters', async () => {
  const client = new ours.default(config);
  const seen = [];
  client.adapter.navigate = (url, parameters) => {
    seen.push(parameters);
    navigations.push(url);
  };
  await client.signIn({ redirectUri: new URL(redirect), postRedirectUri: 'http://site.test/home' });
  await client.handleSignInCallback(provider.authorize(navigations.at(-1)));
  await client.signOut('http://site.test/');
  assert.deepEqual(seen, [
    { redirectUri: redirect, for: 'sign-in' },
    { for: 'post-sign-in' },
    { redirectUri: 'http://site.test/', for: 'sign-out' },
  ]);
  assert.equal(navigations.at(-2), 'http://site.test/home');
});

test('setJwtVerifier: the page verifier checks each ID token; the default one is the core', async () => {
  const client = new ours.default(config);
  const checked = [];
  client.setJwtVerifier((c) => {
    assert.equal(c, client);
    return { verifyIdToken: async (token) => void checked.push(token) };
  });
  await signInAndBack(client);
  assert.deepEqual(checked, [await client.getIdToken()]);

  // A verifier that refuses: its own error, and nothing stored.
  await client.clearAllTokens();
  const refusal = new Error('not this issuer');
  client.setJwtVerifier({ verifyIdToken: async () => { throw refusal; } });
  await assert.rejects(signInAndBack(client), (e) => e === refusal);
  assert.equal(await client.isAuthenticated(), false);

  // Back to a default verifier: the core's checks run again, and verifyIdToken works alone.
  const fresh = new ours.default(config);
  client.setJwtVerifier(fresh.jwtVerifier);
  await signInAndBack(client);
  const token = await client.getIdToken();
  await client.jwtVerifier.verifyIdToken(token);
  const [header, payload, signature] = token.split('.');
  const forged = JSON.parse(Buffer.from(payload, 'base64url'));
  forged.sub = 'mallory';
  await assert.rejects(
    client.jwtVerifier.verifyIdToken(`${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`),
    (e) => e instanceof ours.LogtoError && e.code === 'id_token.invalid_token',
  );
  await client.clearAllTokens();
});

test('BaseClient refuses adapter members it cannot honour, naming them', () => {
  const adapter = {
    requester: ours.createRequester(fetch),
    navigate: () => {},
    storage: new ours.BrowserStorage(config.appId),
    generateCodeChallenge: ours.generateCodeChallenge,
    generateCodeVerifier: ours.generateCodeVerifier,
    generateState: ours.generateState,
  };
  assert.ok(new ours.BaseClient(config, adapter) instanceof ours.BaseClient);
  const cases = [
    ['storage', { storage: { getItem: async () => null, setItem: async () => {}, removeItem: async () => {} } }],
    ['storage', { storage: new ours.BrowserStorage('another-app') }],
    ['requester', { requester: async () => ({}) }],
    ['generateState', { generateState: () => 'fixed' }],
    ['navigate', { navigate: undefined }],
  ];
  for (const [member, change] of cases) {
    assert.throws(
      () => new ours.BaseClient(config, { ...adapter, ...change }),
      (e) => {
        assert.ok(e instanceof ours.LogtoWasmError);
        assert.equal(e.code, 'unsupported_adapter');
        assert.equal(e.data.member, member);
        assert.match(e.message, new RegExp(`\`${member}\``));
        return true;
      },
    );
  }
});

test('a requester made by createRequester(fetchFunction) carries the core requests', async () => {
  const seen = [];
  const client = new ours.BaseClient(config, {
    requester: ours.createRequester(async (url, init) => {
      seen.push(String(url));
      return fetch(url, init);
    }),
    navigate: (url) => navigations.push(url),
    storage: new ours.BrowserStorage(config.appId),
  });
  const { issuer } = await client.getOidcConfig();
  assert.equal(issuer, 'http://provider.test/oidc');
  assert.deepEqual(seen, ['http://provider.test/oidc/.well-known/openid-configuration']);
});
