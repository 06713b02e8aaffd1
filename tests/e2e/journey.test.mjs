// The seed's journey end to end in headless Chromium: the demo site (the journey's snippets)
// on the built SDK, our provider with the Twilio connector pointed at a fake Twilio that reads
// each code out of the real Twilio-shaped request. Screenshots go to tests/output/e2e/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import { startDemoServer } from '../../demo-site/server.mjs';
import { ensureDemoApp } from '../../demo-site/setup.mjs';
import { launchChromium } from '../support/chromium.mjs';
import { startFakeTwilio, twilioConfig } from '../support/fake-twilio.mjs';
import { cli, makeDataDir, PROVIDER_BIN, startProvider } from '../support/provider-process.mjs';

const shots = fileURLToPath(new URL('../output/e2e/', import.meta.url));
let twilio, provider, site, siteConfig, browser, page, appId;

before(async () => {
  mkdirSync(shots, { recursive: true });
  twilio = await startFakeTwilio();
  const dataDir = makeDataDir();
  // A 1 s resend interval lets one test walk several code flows on one number.
  writeFileSync(join(dataDir, 'provider.json'), JSON.stringify({ smsResendInterval: 1, connectors: { twilio: twilioConfig(twilio.apiBase) } }));
  provider = await startProvider({ dataDir, extraArgs: ['--config', join(dataDir, 'provider.json')] });
  siteConfig = {};
  site = await startDemoServer({ port: 0, config: siteConfig });
  ({ appId } = ensureDemoApp({ providerBin: PROVIDER_BIN, dataDir, siteUrl: site.url }));
  Object.assign(siteConfig, { endpoint: provider.base, appId, siteUrl: site.url });
  browser = await launchChromium();
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await provider?.stop();
  provider?.cleanup();
  await twilio?.close();
});

const home = async (p = page, url = site.url) => {
  await p.goto(url);
  await p.waitForFunction(() => document.body.dataset.ready === 'true');
};
const storage = (p = page) =>
  p.evaluate(() => ({ local: Object.keys(localStorage).filter((k) => k.startsWith('logto:')).sort(), session: Object.keys(sessionStorage).filter((k) => k.startsWith('logto:')) }));
const signedInKeys = () => [`logto:${appId}:accessToken`, `logto:${appId}:idToken`, `logto:${appId}:refreshToken`];

// When each number was last sent a code: a second send inside the 1 s resend interval is
// refused (by whole seconds), which a fast run can reach.
const lastSend = new Map();
async function sendCode(phone) {
  const since = Date.now() - (lastSend.get(phone) ?? 0);
  if (since < 2000) await sleep(2000 - since);
  lastSend.set(phone, Date.now());
  await page.getByRole('button', { name: 'Send code' }).click();
}
async function signInByCode(phone, { shoot = false, password } = {}) {
  await page.click('#sign-in');
  await page.waitForURL(/\/sign-in\?interaction=/);
  if (shoot) await page.screenshot({ path: join(shots, '2-sign-in-page.png') });
  await page.locator('#code-phone').fill(phone);
  await sendCode(phone);
  await page.locator('#code-step:not([hidden])').waitFor();
  if (shoot) await page.screenshot({ path: join(shots, '3-code-page.png') });
  await page.getByLabel('Verification code').fill(twilio.lastCode(phone));
  await page.getByRole('button', { name: 'Continue' }).click();
  if (password) {
    await page.getByLabel('Create a password').fill(password);
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  await page.waitForURL(`${site.url}/`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
}

async function signOut() {
  await page.click('#sign-out');
  // Out to the provider's /oidc/session/end and back home, signed out.
  await page.locator('#sign-in').waitFor({ state: 'visible' });
}

let firstUserId;

test('register a new phone by SMS code; home shows the user; storage as @logto keeps it', async () => {
  await home();
  assert.equal(await page.isVisible('#sign-in'), true);
  assert.equal(await page.isVisible('#sign-out'), false);
  await page.screenshot({ path: join(shots, '1-home-signed-out.png') });
  await signInByCode('+819012340001', { shoot: true });
  assert.equal(await page.isVisible('#sign-out'), true);
  assert.equal(await page.textContent('#user-name'), '+819012340001');
  firstUserId = await page.textContent('#user-id');
  assert.deepEqual(await storage(), { local: signedInKeys(), session: [] });
  const sent = twilio.requests.at(-1);
  assert.equal(sent.path, '/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json');
  assert.match(sent.form.Body, /^Your Bookstore sign-up code is \d{6}$/);
  await page.click('#fetch-user-info');
  await page.locator('#user-info').waitFor({ state: 'visible' });
  const info = JSON.parse(await page.textContent('#user-info'));
  assert.deepEqual([info.sub, info.phone_number, info.phone_number_verified], [firstUserId, '+819012340001', true]);
  await page.screenshot({ path: join(shots, '4-home-signed-in.png') });
});

test('reload keeps the user signed in', async () => {
  await home();
  assert.equal(await page.isVisible('#user-panel'), true);
  assert.equal(await page.textContent('#user-id'), firstUserId);
});

test('sign out clears storage and returns home; signing in again by code is the same user', async () => {
  await signOut();
  assert.equal(await page.isVisible('#sign-in'), true);
  assert.deepEqual(await storage(), { local: [], session: [] });
  await signInByCode('+819012340001');
  assert.equal(await page.textContent('#user-id'), firstUserId);
  assert.match(twilio.requests.at(-1).form.Body, /sign-in code/);
  await signOut();
});

test('register with a password, sign out, sign in with the password', async () => {
  cli(provider.dataDir, 'experience', 'set', '--json', JSON.stringify({ signUp: { identifiers: ['phone'], password: true } }));
  try {
    await signInByCode('+819012340002', { password: 'bookworm password' });
    const id = await page.textContent('#user-id');
    await signOut();
    await page.click('#sign-in');
    await page.waitForURL(/\/sign-in\?/);
    await page.getByRole('button', { name: 'Sign in with a password' }).click();
    await page.locator('#password-phone').fill('90-1234-0002');
    await page.getByLabel('Password', { exact: true }).fill('bookworm password');
    await page.locator('#password-step button[type=submit]').click();
    await page.waitForURL(`${site.url}/`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    assert.equal(await page.textContent('#user-id'), id);
    await signOut();
  } finally {
    cli(provider.dataDir, 'experience', 'set', '--json', '{}');
  }
});

test('forgot password by SMS: a new password, then signed in', async () => {
  await page.click('#sign-in');
  await page.waitForURL(/\/sign-in\?/);
  await page.getByRole('button', { name: 'Sign in with a password' }).click();
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await page.locator('#code-phone').fill('+819012340002');
  await sendCode('+819012340002');
  await page.locator('#code-step:not([hidden])').waitFor();
  assert.match(twilio.requests.at(-1).form.Body, /reset code/);
  await page.getByLabel('Verification code').fill(twilio.lastCode('+819012340002'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('New password').fill('a fresh password');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(`${site.url}/`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  assert.equal(await page.isVisible('#user-panel'), true);
});

test('a second app on another port is signed in without a code (single sign-on)', async () => {
  const second = {};
  const other = await startDemoServer({ port: 0, config: second });
  try {
    const app2 = cli(provider.dataDir, 'app', 'create', '--name', 'Second shop', '--redirect-uri', `${other.url}/callback`, '--post-logout-uri', other.url);
    Object.assign(second, { endpoint: provider.base, appId: app2.id, siteUrl: other.url });
    const sent = twilio.requests.length;
    await home(page, other.url);
    await page.click('#sign-in');
    // Out to the provider and straight back through the callback: the panel appears.
    await page.locator('#user-panel').waitFor({ state: 'visible' });
    assert.equal(twilio.requests.length, sent, 'no code was sent');
  } finally {
    await other.close();
  }
});

test('the classic-script page works', async () => {
  await home(page, `${site.url}/classic`);
  assert.equal(await page.isVisible('#sign-out'), true, 'signed in from the module pages: same storage');
  await page.evaluate(() => window.logtoClient.clearAllTokens());
  await home(page, `${site.url}/classic`);
  assert.equal(await page.isVisible('#user-panel'), false);
  await page.click('#sign-in');
  // Single sign-on again, through the classic callback page and back to /classic.
  await page.locator('#user-panel').waitFor({ state: 'visible' });
  assert.equal(new URL(page.url()).pathname, '/classic');
  assert.deepEqual((await storage()).local, signedInKeys());
  await home();
  await signOut();
});

test('a wrong code shows an error and nothing is stored', async () => {
  await browser.context.clearCookies();
  await home();
  await page.click('#sign-in');
  await page.waitForURL(/\/sign-in\?/);
  await page.locator('#code-phone').fill('+819012340009');
  await sendCode('+819012340009');
  await page.locator('#code-step:not([hidden])').waitFor();
  const right = twilio.lastCode('+819012340009');
  await page.getByLabel('Verification code').fill(right === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('alert').filter({ hasText: 'The code is not right.' }).waitFor();
  await home();
  assert.equal(await page.isVisible('#sign-in'), true);
  const left = await storage();
  assert.deepEqual(left.local, []);
});

test('the Bookstore API: refused without the reader role, the reading list with it; the organization switcher', async () => {
  await home();
  await signInByCode('+819012340001');
  assert.equal(await page.textContent('#user-id'), firstUserId);
  await page.click('#show-reading-list');
  await page.locator('#reading-list-message:not([hidden])').waitFor();
  assert.equal(await page.textContent('#reading-list-message'), 'This needs the read:books permission; ask an admin for the reader role.');
  assert.equal(await page.isVisible('#organizations'), false, 'no organization, no switcher');
  // The admin's steps (demo-site/README.md): the role, and two organizations, a role in one.
  const dir = provider.dataDir;
  cli(dir, 'user', 'add-roles', firstUserId, '--role', 'reader');
  const club = cli(dir, 'org', 'create', '--name', 'Book club');
  const library = cli(dir, 'org', 'create', '--name', 'Library');
  cli(dir, 'org', 'add-members', club.id, '--user', firstUserId);
  cli(dir, 'org', 'add-members', library.id, '--user', firstUserId);
  cli(dir, 'org', 'add-member-roles', club.id, '--user', firstUserId, '--role', 'member');
  // The next sign-in's tokens carry them.
  await signOut();
  await signInByCode('+819012340001');
  await page.click('#show-reading-list');
  await page.locator('#reading-list:not([hidden])').waitFor();
  assert.deepEqual(await page.locator('#reading-list li').allTextContents(), ['The Quiet Harbour: chapter 7', 'Maps of Tokyo: not started']);
  await page.locator('#organization-shelf:not([hidden])').waitFor();
  assert.deepEqual(await page.locator('#organization-switcher option').allTextContents(), ['Book club', 'Library']);
  assert.deepEqual(await page.locator('#organization-shelf li').allTextContents(), ['Small Machines']);
  await page.screenshot({ path: join(shots, '5-reading-list-and-organizations.png') });
  await page.selectOption('#organization-switcher', library.id);
  await page.locator('#organization-message:not([hidden])').waitFor();
  assert.equal(await page.textContent('#organization-message'), 'This needs the read:shelf permission; ask an admin for the member organization role.');
  await signOut();
});
