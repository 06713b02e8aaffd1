// What the Console stands on, over HTTP (docs/console.md): the one-time setup link and its
// refusals, `user create --admin`, Console admins' tokens at the management API (and a removed
// role ending them), the inert sign-in preview the Console frames, and the Console's own files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { cli, signInForTokens, startProvider } from '../support/provider-process.mjs';

let provider;
const setup = (body) => fetch(`${provider.base}/api/console/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const linkToken = (log) => /\/console\/setup\?token=([A-Za-z0-9_-]+)/.exec(log)?.[1];

before(async () => {
  provider = await startProvider();
});
after(async () => {
  await provider.stop();
  provider.cleanup();
});

test('a new data directory: the Console app, the admin model, a setup link on the log', async () => {
  const config = await (await fetch(`${provider.base}/api/console/config`)).json();
  assert.deepEqual(Object.keys(config).sort(), ['appId', 'dev', 'endpoint', 'managementApi', 'setupRequired']);
  assert.equal(config.setupRequired, true);
  assert.equal(config.managementApi, 'https://default.logto.app/api');
  const app = cli(provider.dataDir, 'app', 'show', config.appId);
  assert.deepEqual([app.name, app.type, app.redirectUris], ['Logto Console', 'spa', [`${provider.base}/console/callback`]]);
  assert.ok(cli(provider.dataDir, 'role', 'show', 'console-admin').scopes.some((s) => s.name === 'all'));
  assert.ok(linkToken(provider.log()));
});

test('the setup link: refusals say why, a failed attempt does not spend it, it works once', async () => {
  const token = linkToken(provider.log());
  const wrong = await setup({ token: 'x'.repeat(43), username: 'root', password: 'long enough password' });
  assert.equal(wrong.status, 403);
  assert.match((await wrong.json()).message, /^This setup link is not valid any more/);
  const missing = await setup({ token, password: 'long enough password' });
  assert.deepEqual([missing.status, await missing.json()], [400, { code: 'request.invalid_body', message: 'username is required.', field: 'username' }]);
  const weak = await setup({ token, username: 'root', password: 'short' });
  assert.equal(weak.status, 400);
  assert.equal((await weak.json()).code, 'user.weak_password');
  const ok = await setup({ token, username: 'root', password: 'long enough password' });
  assert.equal(ok.status, 201);
  assert.equal((await ok.json()).username, 'root');
  const again = await setup({ token, username: 'root2', password: 'long enough password' });
  assert.equal(again.status, 403);
  assert.equal((await (await fetch(`${provider.base}/api/console/config`)).json()).setupRequired, false);
  assert.deepEqual(cli(provider.dataDir, 'user', 'list').map((u) => u.username).sort(), ['root']);
});

test('`user create --admin`, and a Console admin\'s token at the management API until the role goes', async () => {
  const admin = cli(provider.dataDir, 'user', 'create', '--username', 'ops', '--password', 'correct horse', '--admin');
  assert.equal(admin.admin, true);
  assert.deepEqual(cli(provider.dataDir, 'user', 'roles', admin.id).map((r) => r.name), ['console-admin']);
  const app = cli(provider.dataDir, 'app', 'create', '--name', 'Script', '--redirect-uri', 'http://app.test/callback');
  const tokens = await signInForTokens(provider, app.id, { scope: 'openid offline_access all', resource: 'https://default.logto.app/api' }, { identifier: 'ops' });
  assert.equal(JSON.parse(Buffer.from(tokens.access_token.split('.')[1], 'base64url')).scope, 'all');
  const list = await fetch(`${provider.base}/api/applications`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  assert.equal(list.status, 200);
  assert.ok((await list.json()).some((a) => a.name === 'Script'));
  // The role removed: the next token has no `all`, and the management API refuses it.
  cli(provider.dataDir, 'user', 'remove-role', admin.id, '--role', 'console-admin');
  const refreshed = await (await fetch(`${provider.base}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'refresh_token', client_id: app.id, refresh_token: tokens.refresh_token, resource: 'https://default.logto.app/api' }) })).json();
  const refused = await fetch(`${provider.base}/api/applications`, { headers: { authorization: `Bearer ${refreshed.access_token}` } });
  assert.equal(refused.status, 401);
  // A token for another audience is no management token either.
  const userinfoToken = await fetch(`${provider.base}/api/applications`, { headers: { authorization: `Bearer ${tokens.id_token}` } });
  assert.equal(userinfoToken.status, 401);
});

test('the sign-in preview: framed by this origin only, the settings it is given, refusals as a page', async () => {
  const settings = { signIn: { methods: [{ identifier: 'phone', verificationCode: false, password: true }] } };
  const r = await fetch(`${provider.base}/sign-in/preview?lang=ja&settings=${encodeURIComponent(JSON.stringify(settings))}`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('x-frame-options'), 'SAMEORIGIN');
  assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'self'/);
  const html = await r.text();
  assert.match(html, /プレビュー/);
  assert.match(html, /<form id="phone-step" novalidate hidden>/, 'password only: the code step is hidden');
  const bad = await fetch(`${provider.base}/sign-in/preview?settings=${encodeURIComponent('{"signInMode":"Everyone"}')}`);
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /signInMode must be SignIn, Register or SignInAndRegister\./);
  // The real page still may not be framed by anyone.
  const real = await fetch(`${provider.base}/sign-in?interaction=none`);
  assert.equal(real.headers.get('x-frame-options'), 'DENY');
});

test('the Console\'s files: one shell for every path, its modules, the SDK; nothing else', async () => {
  for (const path of ['/console', '/console/applications', '/console/applications/abc/guide']) {
    const r = await fetch(`${provider.base}${path}`);
    assert.equal(r.status, 200, path);
    assert.match(await r.text(), /<script type="module" src="\/console\/assets\/main\.js"><\/script>/);
  }
  const main = await fetch(`${provider.base}/console/assets/main.js`);
  assert.equal(main.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.match(await main.text(), /import LogtoClient from '\/console\/sdk\/logto\.mjs'/);
  const sdk = await fetch(`${provider.base}/console/sdk/logto.mjs`);
  assert.equal(sdk.status, 200);
  assert.ok((await sdk.text()).length > 10000);
  assert.equal((await fetch(`${provider.base}/console/assets/nope.js`)).status, 404);
  assert.equal((await fetch(`${provider.base}/console/assets/..%2f..%2fprovider.db`)).status, 404);
});

test('a restart with an admin prints no setup link', async () => {
  await provider.stop();
  const again = await startProvider({ dataDir: provider.dataDir });
  try {
    assert.equal(linkToken(again.log()), undefined);
  } finally {
    await again.stop();
  }
  provider = await startProvider({ dataDir: provider.dataDir });
});

test('the integration guide names the SDK version js/package.json publishes', () => {
  const view = readFileSync(new URL('../../provider/assets/console/view-applications.js', import.meta.url), 'utf8');
  const { version } = JSON.parse(readFileSync(new URL('../../js/package.json', import.meta.url), 'utf8'));
  assert.equal(/export const SDK_VERSION = '([^']+)';/.exec(view)?.[1], version);
});
