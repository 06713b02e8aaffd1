// API authorization in Chromium against our provider, with our SDK and the real @logto/browser
// side by side (tests/browser/pages/hostile.html is the two-SDK page; navigations are recorded
// and the sign-in is done over HTTP): a resource token with the right permissions, an
// organization token, the role and organization claims, and the refusals (an unknown resource,
// a non-member, a role removed before the next refresh). Both SDKs must see the same.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { launchChromium } from '../support/chromium.mjs';
import { serveSiteWithPeer } from '../support/peer-site.mjs';
import { browserSignIn, cli, startProvider } from '../support/provider-process.mjs';

const API = 'https://api.bookstore.test';
const SCOPES = ['roles', 'urn:logto:scope:organizations', 'urn:logto:scope:organization_roles', 'read:books', 'write:books', 'delete:books', 'read:members'];
const sdks = ['ours', 'logto'];
let provider, site, browser, page, org, otherOrg;
const apps = {};
const users = {};

const payload = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url'));
const call = async (sdk, method, ...args) => page.evaluate(([s, m, a]) => window.call(s, m, ...a), [sdk, method, args]);
const value = async (sdk, method, ...args) => {
  const outcome = await call(sdk, method, ...args);
  assert.ok(!outcome.error, `${sdk} ${method}: ${JSON.stringify(outcome.error)}`);
  return outcome.value;
};

before(async () => {
  provider = await startProvider();
  site = await serveSiteWithPeer();
  const dir = provider.dataDir;
  cli(dir, 'resource', 'create', '--indicator', API);
  for (const name of ['read:books', 'write:books', 'delete:books']) cli(dir, 'resource', 'add-scope', API, '--name', name);
  cli(dir, 'role', 'create', '--name', 'reader', '--resource', API, '--scope', 'read:books', '--scope', 'write:books');
  cli(dir, 'org-scope', 'create', '--name', 'read:members');
  cli(dir, 'org-scope', 'create', '--name', 'invite:members');
  cli(dir, 'org-role', 'create', '--name', 'viewer', '--scope', 'read:members');
  org = cli(dir, 'org', 'create', '--name', 'Acme', '--description', 'A bookshop');
  otherOrg = cli(dir, 'org', 'create', '--name', 'Other');
  for (const sdk of sdks) {
    apps[sdk] = cli(dir, 'app', 'create', '--name', sdk, '--redirect-uri', `${site.origin}/callback`);
    users[sdk] = cli(dir, 'user', 'create', '--username', `ada_${sdk}`, '--password', 'correct horse');
    cli(dir, 'user', 'add-roles', users[sdk].id, '--role', 'reader');
    cli(dir, 'org', 'add-members', org.id, '--user', users[sdk].id);
    cli(dir, 'org', 'add-member-roles', org.id, '--user', users[sdk].id, '--role', 'viewer');
  }
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', () => {}); // @logto/browser logs every failed request
  await page.goto(`${site.origin}/hostile.html`);
  await page.waitForFunction(() => window.ready === true);
  for (const sdk of sdks) {
    await page.evaluate(([s, config]) => window.make(s, config), [sdk, { endpoint: provider.base, appId: apps[sdk].id, scopes: SCOPES, resources: [API] }]);
    assert.deepEqual(await call(sdk, 'signIn', `${site.origin}/callback`), { value: null });
    const signInUrl = await page.evaluate((s) => window.lastNavigation(s), sdk);
    const { callback } = await browserSignIn(signInUrl, { identifier: `ada_${sdk}`, password: 'correct horse' });
    await value(sdk, 'handleSignInCallback', callback);
  }
});

after(async () => {
  await browser?.close();
  await site?.close();
  await provider?.stop();
  provider?.cleanup();
});

test('a resource token with the permissions the user holds, from both SDKs', async () => {
  for (const sdk of sdks) {
    const token = payload(await value(sdk, 'getAccessToken', API));
    assert.deepEqual([token.aud, token.sub, token.scope], [API, users[sdk].id, 'read:books write:books'], sdk);
    const claims = await value(sdk, 'getAccessTokenClaims', API);
    assert.equal(claims.scope, 'read:books write:books', sdk);
  }
});

test('roles and organizations in the ID token claims and in userinfo, from both SDKs', async () => {
  for (const sdk of sdks) {
    const claims = await value(sdk, 'getIdTokenClaims');
    assert.deepEqual([claims.roles, claims.organizations, claims.organization_roles], [['reader'], [org.id], [`${org.id}:viewer`]], sdk);
    const info = await value(sdk, 'fetchUserInfo');
    assert.deepEqual(info.organization_data, [{ id: org.id, name: 'Acme', description: 'A bookshop' }], sdk);
    assert.deepEqual(info.roles, ['reader'], sdk);
  }
});

test('an organization token with the member\'s organization permissions, from both SDKs', async () => {
  for (const sdk of sdks) {
    const token = payload(await value(sdk, 'getOrganizationToken', org.id));
    assert.deepEqual([token.aud, token.scope], [`urn:logto:organization:${org.id}`, 'read:members'], sdk);
    const claims = await value(sdk, 'getOrganizationTokenClaims', org.id);
    assert.equal(claims.aud, `urn:logto:organization:${org.id}`, sdk);
  }
});

test('refusals: an unknown resource and a non-member are errors both SDKs report alike', async () => {
  const errors = {};
  for (const sdk of sdks) {
    const unknown = await call(sdk, 'getAccessToken', 'https://nowhere.test');
    const notMember = await call(sdk, 'getOrganizationToken', otherOrg.id);
    assert.ok(unknown.error && notMember.error, `${sdk} gave a token`);
    errors[sdk] = [unknown.error.name, unknown.error.code, unknown.error.data, notMember.error.name, notMember.error.code, notMember.error.data];
    assert.deepEqual([unknown.error.code, unknown.error.data.error], ['unexpected_response_error', 'invalid_target'], sdk);
    assert.deepEqual([notMember.error.code, notMember.error.data.error], ['unexpected_response_error', 'access_denied'], sdk);
    // Still signed in, and the session still refreshes.
    assert.equal(await value(sdk, 'isAuthenticated'), true, sdk);
  }
  assert.deepEqual(errors.ours, errors.logto);
});

test('a role removed: the next refresh\'s resource token has none of its permissions', async () => {
  const reader = cli(provider.dataDir, 'role', 'show', 'reader');
  for (const sdk of sdks) {
    cli(provider.dataDir, 'user', 'remove-role', users[sdk].id, '--role', reader.id);
    await value(sdk, 'clearAccessToken');
    const token = payload(await value(sdk, 'getAccessToken', API));
    assert.deepEqual([token.aud, token.scope], [API, ''], sdk);
  }
});
