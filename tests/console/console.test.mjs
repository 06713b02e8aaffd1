// The Console in Chromium: a person does the seed's admin steps in the browser (the first admin
// from the setup link, sign in, create Bookstore as a Webflow single page app, its URIs, Twilio
// against a fake Twilio with a test send, phone sign-in in the sign-in experience), then the demo
// site signs in with that application. Every validation message the Console shows is provoked.
// Screenshots of every page go to tests/output/console/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startDemoServer } from '../../demo-site/server.mjs';
import { launchChromium } from '../support/chromium.mjs';
import { startFakeTwilio } from '../support/fake-twilio.mjs';
import { cli, signInForTokens, startProvider } from '../support/provider-process.mjs';

const shots = fileURLToPath(new URL('../output/console/', import.meta.url));
let twilio, provider, demo, browser, page, setupLink, appId;
const demoConfig = {};
const cspViolations = [];

before(async () => {
  mkdirSync(shots, { recursive: true });
  twilio = await startFakeTwilio();
  provider = await startProvider({ settings: { smsResendInterval: 1 } });
  setupLink = /(http:\/\/localhost:\d+\/console\/setup\?token=[A-Za-z0-9_-]+)/.exec(provider.log())?.[1];
  demo = await startDemoServer({ port: 0, config: demoConfig });
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('dialog', (dialog) => dialog.accept());
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
});

after(async () => {
  await browser?.close();
  await demo?.close();
  await provider?.stop();
  provider?.cleanup();
  await twilio?.close();
});

const shot = (name, p = page) => p.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
const alertText = (scope = page) => scope.getByRole('alert').first().textContent();
const content = () => page.locator('#content');
const visit = async (path) => {
  await page.goto(`${provider.base}${path}`);
  await page.locator('#content h1').first().waitFor();
};

test('the provider prints a one-time setup link on a new data directory', () => {
  assert.ok(setupLink, `no setup link in the log: ${provider.log()}`);
  assert.match(provider.log(), /\[provider\] console http:\/\/localhost:\d+\/console/);
});

test('the first admin: from the setup link, with its validation, once only', async () => {
  await page.goto(`${provider.base}/console/setup`);
  await page.getByText('This page needs the setup link from the provider’s log (…/console/setup?token=…).').waitFor();
  await page.goto(setupLink);
  await page.locator('#setup').waitFor();
  await shot('1-setup');
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password', { exact: true }).fill('console secret 1');
  await page.getByLabel('Repeat the password').fill('console secret 2');
  await page.getByRole('button', { name: 'Create admin' }).click();
  assert.equal(await alertText(), 'The two passwords differ.');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Repeat the password').fill('short');
  await page.getByRole('button', { name: 'Create admin' }).click();
  await page.getByRole('alert').filter({ hasText: /at least/ }).waitFor();
  await page.getByLabel('Password', { exact: true }).fill('console secret 1');
  await page.getByLabel('Repeat the password').fill('console secret 1');
  await page.getByRole('button', { name: 'Create admin' }).click();
  await page.getByText('The admin admin was created. Sign in with it.').waitFor();
  await shot('2-setup-done');
  // The link is spent: the API refuses it, the page says an admin exists.
  const token = new URL(setupLink).searchParams.get('token');
  const again = await fetch(`${provider.base}/api/console/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, username: 'mallory', password: 'mallory password' }) });
  assert.equal(again.status, 403);
  assert.equal((await again.json()).code, 'console.setup_invalid');
  assert.equal(cli(provider.dataDir, 'user', 'list').filter((u) => u.username === 'mallory').length, 0);
});

test('sign in to the Console through the provider, with the WASM SDK', async () => {
  await page.goto(`${provider.base}/console`);
  await page.locator('#sign-in').click();
  await page.waitForURL(/\/sign-in\?interaction=/);
  await page.getByRole('button', { name: 'Sign in with a password' }).click();
  await page.locator('#password-phone').fill('admin');
  await page.getByLabel('Password', { exact: true }).fill('console secret 1');
  await page.locator('#password-step button[type=submit]').click();
  await page.waitForURL(`${provider.base}/console/applications`);
  await page.getByRole('heading', { name: 'Applications' }).waitFor();
  await shot('3-applications-empty');
  const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('logto:')));
  assert.ok(keys.some((k) => k.endsWith(':refreshToken')), 'signed in with the SDK, tokens as @logto keeps them');
});

test('create Bookstore as a Webflow single page app; the guide fills in the snippets', async () => {
  await page.locator('[data-framework=webflow]').click();
  await page.getByRole('heading', { name: 'New Webflow application' }).waitFor();
  await page.getByRole('button', { name: 'Create application' }).click();
  assert.equal(await alertText(), 'name: give 1 to 128 characters.');
  await page.getByLabel('Name').fill('Bookstore');
  await page.getByRole('button', { name: 'Create application' }).click();
  await page.getByRole('heading', { name: 'Add sign-in to Bookstore on Webflow' }).waitFor();
  appId = /\/console\/applications\/([^/]+)\/guide/.exec(page.url())[1];
  await page.getByLabel('Your site URL').fill('not a url');
  assert.equal(await alertText(), '"not a url" is not a full URL (https://…).');
  await page.getByLabel('Your site URL').fill(demo.url);
  const head = await page.locator('[data-snippet=head]').textContent();
  assert.match(head, /import LogtoClient from 'https:\/\/cdn\.jsdelivr\.net\/npm\/logto-wasm@0\.1\.0\/dist\/logto\.mjs';/);
  assert.ok(head.includes(`endpoint: '${provider.base}'`) && head.includes(`appId: '${appId}'`));
  assert.equal(await page.locator('[data-snippet=uris]').textContent(), `${demo.url}/callback\n${demo.url}`);
  assert.ok((await page.locator('[data-snippet=signIn]').textContent()).includes(`logtoClient.signIn('${demo.url}/callback')`));
  assert.ok((await page.locator('[data-snippet=callback]').textContent()).includes('await logtoClient.handleSignInCallback(window.location.href);'));
  await shot('4-guide');
});

test('the application page: App ID and endpoint, URIs checked, "Save changes"', async () => {
  await visit(`/console/applications/${appId}`);
  assert.equal(await page.locator('#app-id').textContent(), appId);
  assert.equal(await page.locator('#app-endpoint').textContent(), provider.base);
  const redirect = page.locator('[data-list=redirectUris] input').first();
  const postLogout = page.locator('[data-list=postLogoutRedirectUris] input').first();
  for (const [value, message] of [
    ['bookstore.test/callback', '"bookstore.test/callback" is not a full URL (https://…).'],
    ['ftp://bookstore.test/callback', '"ftp://bookstore.test/callback" must start with https:// or http://.'],
    ['https://bookstore.test/callback#top', '"https://bookstore.test/callback#top" must not contain a # fragment.'],
  ]) {
    await page.locator('[data-list=redirectUris] input').first().fill(value);
    await page.locator('#save').click();
    await page.getByRole('alert').filter({ hasText: message }).waitFor();
    assert.equal(await page.locator('[data-list=redirectUris] input').first().getAttribute('aria-invalid'), 'true');
  }
  await shot('5-application-invalid-uri');
  await redirect.fill(`${demo.url}/callback`);
  await page.locator('[data-list=redirectUris] input').first().fill(`${demo.url}/callback`);
  await postLogout.fill(demo.url);
  await page.locator('[data-list=postLogoutRedirectUris] input').first().fill(demo.url);
  await page.locator('#save').click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  await shot('6-application-saved');
  const saved = cli(provider.dataDir, 'app', 'show', appId);
  assert.deepEqual([saved.name, saved.type, saved.redirectUris, saved.postLogoutRedirectUris], ['Bookstore', 'spa', [`${demo.url}/callback`], [demo.url]]);
});

test('Twilio: every template and field error, a test send, then "Save and Done"', async () => {
  await visit('/console/connectors');
  await shot('7-connectors-empty');
  const templates = page.locator('#twilio-templates');
  const valid = await templates.inputValue();
  for (const [text, message] of [
    ['[{', /^The templates are not valid JSON: /],
    ['{}', /^The templates must be a JSON array\.$/],
    ['[{"usageType":"SignIn"}]', /^Each template needs a usageType and a content string\.$/],
    ['[{"usageType":"Login","content":"{{code}}"}]', /^"Login" is not one of Register, SignIn, ForgotPassword, Generic\.$/],
    ['[{"usageType":"SignIn","content":"no code here"}]', /^The SignIn template has no \{\{code\}\} placeholder\.$/],
    ['[{"usageType":"SignIn","content":"{{code}}"}]', /^Templates missing for: Register, ForgotPassword, Generic\. All four usage types are needed\.$/],
  ]) {
    await templates.fill(text);
    assert.match(await page.locator('#templates-error').textContent(), message);
  }
  await shot('8-connector-template-error');
  await templates.fill(valid.replaceAll('Your verification code is {{code}}', 'Your Bookstore code is {{code}}'));
  assert.equal(await page.locator('#templates-error').isHidden(), true);
  await page.locator('#send-test').click();
  await page.getByRole('alert').filter({ hasText: 'Fix the fields marked above.' }).waitFor();
  for (const id of ['twilio-account', 'twilio-token', 'twilio-service']) {
    assert.equal(await page.locator(`#${id}-error`).textContent(), 'Required.', id);
  }
  await page.getByLabel('Account SID').fill('AC0123456789abcdef0123456789abcdef');
  await page.getByLabel('Auth Token').fill('secret-auth-token');
  await page.getByLabel('Messaging Service SID').fill('MG0123456789abcdef0123456789abcdef');
  await page.locator('summary').click();
  await page.getByLabel('API base URL').fill(twilio.apiBase);
  await page.locator('#send-test').click();
  assert.equal(await page.locator('#twilio-test-phone-error').textContent(), 'Enter a phone number to send the test to.');
  await page.getByLabel('Phone number for a test').fill('+819012340077');
  // Twilio's own refusal is shown as Twilio said it.
  twilio.failWith(401, { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003' });
  await page.locator('#send-test').click();
  await page.getByRole('alert').filter({ hasText: /Authenticate/ }).waitFor();
  twilio.failWith(null);
  const before = twilio.requests.length;
  await page.locator('#send-test').click();
  await page.getByRole('status').filter({ hasText: 'Test message sent to +819012340077.' }).waitFor();
  assert.equal(twilio.requests.length, before + 1);
  assert.match(twilio.requests.at(-1).form.Body, /^Your Bookstore code is \d{6}$/);
  assert.equal(cli(provider.dataDir, 'connector', 'show').name, null, 'nothing saved by a test send');
  await page.locator('#save-connector').click();
  await page.getByRole('status').filter({ hasText: 'Saved. Sign-in codes now go through Twilio.' }).waitFor();
  await shot('9-connector-saved');
  // The saved token is shown masked, never sent back to the page; saving again keeps it.
  await visit('/console/connectors');
  assert.equal(await page.getByLabel('Auth Token').inputValue(), '');
  assert.equal(await page.getByLabel('Auth Token').getAttribute('placeholder'), '********');
  assert.ok(!(await page.content()).includes('secret-auth-token'));
  assert.equal(await page.locator('#connector-state .badge').textContent(), 'Twilio: active');
  await page.locator('#save-connector').click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  const stored = cli(provider.dataDir, 'connector', 'show');
  assert.equal(stored.config.authToken, '********');
  await page.getByLabel('Phone number for a test').fill('+819012340078');
  await page.locator('#send-test').click();
  await page.getByRole('status').filter({ hasText: 'Test message sent to +819012340078.' }).waitFor();
  assert.deepEqual([twilio.requests.at(-1).user, twilio.requests.at(-1).pass], ['AC0123456789abcdef0123456789abcdef', 'secret-auth-token'], 'the saved token was kept and used');
});

test('the sign-in experience: phone sign-up, code or password, a live preview in both languages and widths', async () => {
  await visit('/console/sign-in-experience');
  const frame = page.frameLocator('#preview');
  await frame.locator('#heading').waitFor();
  await page.getByLabel('Verification code').uncheck();
  await page.getByLabel('Password', { exact: true }).uncheck();
  assert.equal(await alertText(), 'Choose at least one way to sign in: verification code or password.');
  await page.getByLabel('Verification code').check();
  await page.getByLabel('Create a password at sign-up').check();
  await frame.locator('#phone-step').waitFor();
  assert.equal(await frame.locator('[data-go=password-step]').count(), 0, 'code only: no password link in the preview');
  assert.equal(await frame.locator('.preview-banner').isVisible(), true);
  await shot('10-experience-desktop-en');
  await page.locator('#preview-phone').click();
  assert.equal(await page.locator('#preview').evaluate((f) => f.getBoundingClientRect().width), 375);
  await page.locator('#preview-lang').click();
  await frame.locator('html[lang=ja]').waitFor();
  assert.equal(await frame.locator('#heading').textContent(), 'サインイン');
  await shot('11-experience-phone-ja');
  await page.locator('#preview-desktop').click();
  await page.locator('#save-experience').click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  const saved = cli(provider.dataDir, 'experience', 'show');
  assert.deepEqual(saved.signIn.methods, [{ identifier: 'phone', verificationCode: true, password: false }]);
  assert.equal(saved.signUp.password, true);
});

test('users: create with validation, search, unlock, delete', async () => {
  await visit('/console/users');
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.locator('#create-user').getByRole('alert').filter({ hasText: 'Give a username or a phone number.' }).waitFor();
  await page.getByLabel('Phone number', { exact: true }).fill('+819012349998');
  await page.locator('#user-password').fill('short');
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.locator('#create-user').getByRole('alert').filter({ hasText: /at least/ }).waitFor();
  await page.locator('#user-password').fill('');
  await page.getByLabel('Phone number', { exact: true }).fill('090-1234');
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.getByRole('alert').filter({ hasText: 'phone: use E.164, a + and 7 to 15 digits, e.g. +819012345678.' }).waitFor();
  await page.getByLabel('Phone number', { exact: true }).fill('+819012349999');
  await page.getByLabel('Name', { exact: true }).fill('Grace');
  await page.getByRole('button', { name: 'Create user' }).click();
  await page.getByRole('status').filter({ hasText: 'User created.' }).waitFor();
  await page.getByLabel('Search').fill('9999');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.locator('#users tbody tr').first().waitFor();
  assert.deepEqual(await page.locator('#users tbody tr td:first-child').allTextContents(), ['Grace']);
  await shot('12-users-search');
  await page.getByRole('link', { name: 'Grace' }).click();
  await page.getByRole('heading', { name: 'Grace' }).waitFor();
  assert.match(await page.locator('.facts').textContent(), /\+819012349999.*None \(signs in by code\)/);
  await shot('13-user-details');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('status').filter({ hasText: 'Unlocked: the user can try again now.' }).waitFor();
  await page.getByRole('link', { name: '← Users' }).click();
  await page.getByLabel('Search').fill('Grace');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.locator('#users tbody tr').first().waitFor();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByText('No user matches.').waitFor();
  assert.equal(cli(provider.dataDir, 'user', 'list').some((u) => u.phone === '+819012349999'), false);
});

test('API resources, roles and organizations: the Bookstore API made in the Console', async () => {
  await visit('/console/api-resources');
  await page.getByLabel('API identifier').fill('bookstore api');
  await page.locator('#create-resource button[type=submit]').click();
  assert.equal(await page.locator('#create-resource').getByRole('alert').textContent(), 'indicator: "bookstore api" is not an absolute URI without a fragment.');
  await page.getByLabel('API identifier').fill('https://bookstore.example/api');
  await page.locator('#create-resource-name').fill('Bookstore API');
  await page.locator('#create-resource button[type=submit]').click();
  const card = page.locator('[data-resource="https://bookstore.example/api"]');
  await card.waitFor();
  await card.getByLabel('Permission').fill('read books');
  await card.locator('button[type=submit]').click();
  assert.match(await card.getByRole('alert').textContent(), /is not a scope name/);
  await page.locator('[data-resource="https://bookstore.example/api"]').getByLabel('Permission').fill('read:books');
  await page.locator('[data-resource="https://bookstore.example/api"] button[type=submit]').click();
  await page.locator('[data-resource="https://bookstore.example/api"] .tags li').filter({ hasText: 'read:books' }).waitFor();
  await shot('14-api-resources');
  await visit('/console/roles');
  await page.locator('#create-role-name').fill('reader');
  await page.locator('#create-role button[type=submit]').click();
  await page.locator('[data-role=reader]').waitFor();
  await page.locator('#create-role-name').fill('reader');
  await page.locator('#create-role button[type=submit]').click();
  assert.equal(await page.locator('#create-role').getByRole('alert').textContent(), 'A role named "reader" already exists.');
  await shot('15-roles');
  await visit('/console/organizations');
  await page.locator('#create-organization button[type=submit]').click();
  assert.equal(await page.locator('#create-organization').getByRole('alert').textContent(), 'name is required.');
  await page.locator('#create-organization-name').fill('Book club');
  await page.locator('#create-organization button[type=submit]').click();
  await page.locator('[data-organization="Book club"]').waitFor();
  await shot('16-organizations');
});

test('the demo site signs in with the application made in the Console, by SMS code', async () => {
  Object.assign(demoConfig, { endpoint: provider.base, appId, siteUrl: demo.url });
  // A visitor's own browser: the admin's provider session must not sign them in.
  const visitor = await launchChromium();
  try {
    const site = await visitor.context.newPage();
    await site.goto(demo.url);
    await site.waitForFunction(() => document.body.dataset.ready === 'true');
    await site.click('#sign-in');
    await site.waitForURL(/\/sign-in\?interaction=/);
    await site.locator('#code-phone').fill('+819012340001');
    await site.getByRole('button', { name: 'Send code' }).click();
    await site.locator('#code-step:not([hidden])').waitFor();
    await site.getByLabel('Verification code').fill(twilio.lastCode('+819012340001'));
    await site.getByRole('button', { name: 'Continue' }).click();
    // The experience saved in the Console asks for a password at sign-up.
    await site.getByLabel('Create a password').fill('bookworm password');
    await site.getByRole('button', { name: 'Continue' }).click();
    await site.waitForURL(`${demo.url}/`);
    await site.waitForFunction(() => document.body.dataset.ready === 'true');
    assert.equal(await site.textContent('#user-name'), '+819012340001');
    assert.match(twilio.requests.at(-1).form.Body, /^Your Bookstore code is \d{6}$/);
    await shot('17-demo-signed-in', site);
  } finally {
    await visitor.close();
  }
});

test('the management API: the admin token still works; a signed-in non-admin is refused', async () => {
  const adminToken = readFileSync(join(provider.dataDir, 'admin-token'), 'utf8').trim();
  assert.equal((await fetch(`${provider.base}/api/applications`, { headers: { authorization: `Bearer ${adminToken}` } })).status, 200);
  cli(provider.dataDir, 'user', 'create', '--username', 'ada', '--password', 'correct horse');
  cli(provider.dataDir, 'experience', 'set', '--json', '{}'); // password sign-in on again
  const app = cli(provider.dataDir, 'app', 'create', '--name', 'Other', '--redirect-uri', 'http://app.test/callback');
  const tokens = await signInForTokens(provider, app.id, { scope: 'openid offline_access all', resource: 'https://default.logto.app/api' });
  const claims = JSON.parse(Buffer.from(tokens.access_token.split('.')[1], 'base64url'));
  assert.deepEqual([claims.aud, claims.scope], ['https://default.logto.app/api', '']);
  const refused = await fetch(`${provider.base}/api/applications`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  assert.equal(refused.status, 401);
  assert.equal((await refused.json()).code, 'auth.unauthorized');
});

test('Japanese throughout; CSP without inline script; no secret in the page', async () => {
  await visit('/console/applications');
  await page.getByRole('button', { name: '日本語' }).click();
  await page.getByRole('heading', { name: 'アプリケーション', exact: true }).waitFor();
  await shot('18-applications-ja');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Applications', exact: true }).waitFor();
  const shell = await fetch(`${provider.base}/console/applications`);
  const csp = shell.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(await shell.text(), /<script(?![^>]*\bsrc=)/, 'no inline script');
  const configBody = await (await fetch(`${provider.base}/api/console/config`)).text();
  assert.doesNotMatch(configBody, /secret|token/i);
  assert.deepEqual(cspViolations, []);
});
