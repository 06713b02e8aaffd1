// Our SDK (js/dist/logto.mjs, under Node with a fake window) against the real provider:
// sign-in through the provider's own sign-in hand-off, callback, claims, refresh with
// rotation, userinfo, sign-out with revocation; then single sign-on and prompt=login.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { browserSignIn, cli, CookieJar, startProvider } from '../support/provider-process.mjs';
import { installFakeWindow } from '../support/fake-window.mjs';

const { window, navigations } = installFakeWindow();
const { default: LogtoClient } = await import('../../js/dist/logto.mjs');
let provider, app, user;
const redirect = 'http://app.test/callback';

before(async () => {
  provider = await startProvider();
  app = cli(provider.dataDir, 'app', 'create', '--name', 'Bookstore', '--redirect-uri', redirect, '--post-logout-uri', 'http://app.test/');
  user = cli(provider.dataDir, 'user', 'create', '--username', 'ada', '--password', 'correct horse', '--name', 'Ada', '--phone', '+819012345678');
});

after(async () => {
  await provider?.stop();
  provider?.cleanup();
});

test('sign-in, callback, claims, refresh rotation, userinfo, sign-out', async () => {
  const client = new LogtoClient({ endpoint: provider.base, appId: app.id, scopes: ['phone'] });
  await client.signIn(redirect);
  const authUrl = navigations.at(-1);
  assert.ok(authUrl.startsWith(`${provider.base}/oidc/auth?`));
  const { callback, signedIn, html } = await browserSignIn(authUrl, { identifier: 'ada', password: 'correct horse' });
  assert.equal(signedIn, true);
  assert.match(html, /to continue to Bookstore/);
  const back = new URL(callback);
  assert.equal(back.origin + back.pathname, redirect);
  assert.equal(back.searchParams.get('iss'), `${provider.base}/oidc`);

  await client.handleSignInCallback(callback);
  const claims = await client.getIdTokenClaims();
  assert.equal(claims.sub, user.id);
  assert.equal(claims.iss, `${provider.base}/oidc`);
  assert.equal(claims.aud, app.id);
  assert.equal(claims.name, 'Ada');
  assert.equal(claims.phone_number, '+819012345678');
  assert.equal(typeof claims.auth_time, 'number');
  assert.ok(claims.exp - claims.iat === 3600);

  const firstRefresh = await client.getRefreshToken();
  const firstAccess = await client.getAccessToken();
  await client.clearAccessToken();
  const secondAccess = await client.getAccessToken();
  assert.notEqual(secondAccess, firstAccess);
  assert.notEqual(await client.getRefreshToken(), firstRefresh, 'the refresh token rotated');

  const info = await client.fetchUserInfo();
  assert.deepEqual(info, { sub: user.id, name: 'Ada', username: 'ada', phone_number: '+819012345678', phone_number_verified: false });

  const lastRefresh = await client.getRefreshToken();
  await client.signOut('http://app.test/');
  assert.deepEqual(window.localStorage.keys(), []);
  const end = new URL(navigations.at(-1));
  assert.equal(end.pathname, '/oidc/session/end');
  const ended = await fetch(end, { redirect: 'manual' });
  assert.equal(ended.status, 303);
  assert.equal(ended.headers.get('location'), 'http://app.test/');
  // The refresh token was revoked by signOut.
  const reuse = await fetch(`${provider.base}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: app.id, refresh_token: lastRefresh }),
  });
  assert.equal(reuse.status, 400);
  assert.equal((await reuse.json()).error, 'invalid_grant');
});

test('single sign-on: a second app signs in without credentials; prompt=login asks again', async () => {
  const jar = new CookieJar();
  const first = new LogtoClient({ endpoint: provider.base, appId: app.id });
  await first.signIn(redirect);
  const signed = await browserSignIn(navigations.at(-1), { identifier: '+819012345678', password: 'correct horse', jar });
  assert.equal(signed.signedIn, true);
  assert.ok(jar.has('logto_session'));

  const other = cli(provider.dataDir, 'app', 'create', '--name', 'Second', '--redirect-uri', 'http://two.test/cb');
  const second = new LogtoClient({ endpoint: provider.base, appId: other.id });
  await second.signIn('http://two.test/cb');
  const sso = await browserSignIn(navigations.at(-1), { identifier: 'x', password: 'y', jar });
  assert.equal(sso.signedIn, false, 'no sign-in page was shown');
  await second.handleSignInCallback(sso.callback);
  assert.equal((await second.getIdTokenClaims()).sub, user.id);

  await second.signIn({ redirectUri: 'http://two.test/cb', prompt: 'login' });
  const again = await fetch(navigations.at(-1), { redirect: 'manual', headers: { cookie: jar.header() } });
  assert.equal(new URL(again.headers.get('location'), provider.base).pathname, '/sign-in');
});

test('wrong password and unknown user get the same answer', async () => {
  const client = new LogtoClient({ endpoint: provider.base, appId: app.id });
  await client.signIn(redirect);
  const wrong = await browserSignIn(navigations.at(-1), { identifier: 'ada', password: 'not it at all' });
  await client.signIn(redirect);
  const unknown = await browserSignIn(navigations.at(-1), { identifier: 'nobody', password: 'not it at all' });
  assert.equal(wrong.status, 422);
  assert.deepEqual(wrong.error, unknown.error);
  assert.equal(wrong.error.code, 'session.invalid_credentials');
});
