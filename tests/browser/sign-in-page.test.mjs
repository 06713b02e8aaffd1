// The provider's sign-in page driven in headless Chromium as a person would: phone number,
// SMS code (read from the dev inbox), wrong code, password sign-in, Japanese. The page's
// script must run under its own CSP with no console errors.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

import { launchChromium } from '../support/chromium.mjs';
import { cli, startProvider } from '../support/provider-process.mjs';
import { serveStatic } from '../support/static-server.mjs';

let provider, site, browser, app, redirect;
const consoleErrors = [];

before(async () => {
  provider = await startProvider({ extraArgs: ['--dev'] });
  site = await serveStatic({ mounts: { '/': fileURLToPath(new URL('./pages/', import.meta.url)) } });
  redirect = `${site.origin}/blank.html`;
  app = cli(provider.dataDir, 'app', 'create', '--name', 'Bookstore', '--redirect-uri', redirect);
  cli(provider.dataDir, 'user', 'create', '--phone', '+819055550000', '--password', 'correct horse', '--name', 'Ada');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await provider?.stop();
  provider?.cleanup();
});

function authUrl() {
  const url = new URL(`${provider.base}/oidc/auth`);
  for (const [k, v] of Object.entries({ client_id: app.id, redirect_uri: redirect, response_type: 'code', scope: 'openid phone', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', state: 'st' })) url.searchParams.set(k, v);
  return url.href;
}

async function newPage(locale) {
  const page = await browser.context.newPage();
  if (locale) await page.setExtraHTTPHeaders({ 'accept-language': locale });
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  return page;
}

const latestCode = async (phone) => {
  const inbox = await (await fetch(`${provider.base}/dev/sms`, { headers: { accept: 'application/json' } })).json();
  return inbox.find((m) => m.to === phone)?.code;
};

test('register with a phone number and the SMS code', async () => {
  await browser.context.clearCookies();
  const page = await newPage();
  await page.goto(authUrl());
  await page.getByLabel('Phone number').first().fill('90 1111 2222');
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.locator('#code-step:not([hidden])').waitFor();
  assert.match(await page.locator('#code-sent').textContent(), /\+819011112222/);
  assert.match(await page.locator('#resend').textContent(), /Resend in \d+ s/);
  await page.getByLabel('Verification code').fill(await latestCode('+819011112222'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/blank\.html\?code=/);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('state'), 'st');
  assert.equal(url.searchParams.get('iss'), `${provider.base}/oidc`);
  await page.close();
});

test('a wrong code shows the error and keeps the person on the code step', async () => {
  await browser.context.clearCookies();
  const page = await newPage();
  await page.goto(authUrl());
  await page.getByLabel('Phone number').first().fill('+819033334444');
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.locator('#code-step:not([hidden])').waitFor();
  const right = await latestCode('+819033334444');
  await page.getByLabel('Verification code').fill(right === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('alert').filter({ hasText: 'The code is not right.' }).waitFor();
  assert.match(page.url(), /\/sign-in\?/);
  await page.close();
});

test('Japanese page: sign in with phone and password', async () => {
  await browser.context.clearCookies();
  const page = await newPage('ja-JP,ja;q=0.9');
  await page.goto(authUrl());
  assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  await page.getByRole('button', { name: 'パスワードでサインイン' }).click();
  await page.locator('#password-step:not([hidden])').waitFor();
  await page.locator('#password-phone').fill('90-5555-0000');
  await page.getByLabel('パスワード', { exact: true }).fill('wrong password');
  await page.locator('#password-step button[type=submit]').click();
  await page.getByRole('alert').filter({ hasText: '電話番号またはパスワードが違います。' }).waitFor();
  await page.getByLabel('パスワード', { exact: true }).fill('correct horse');
  await page.locator('#password-step button[type=submit]').click();
  await page.waitForURL(/blank\.html\?code=/);
  await page.close();
});

test('forgot password: phone, SMS code, a new password, signed in', async () => {
  await browser.context.clearCookies();
  const page = await newPage();
  await page.goto(authUrl());
  await page.getByRole('button', { name: 'Sign in with a password' }).click();
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  assert.equal(await page.locator('#heading').textContent(), 'Reset your password');
  await page.locator('#code-phone').fill('90 5555 0000');
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.locator('#code-step:not([hidden])').waitFor();
  await page.getByLabel('Verification code').fill(await latestCode('+819055550000'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('New password').waitFor();
  await page.getByLabel('New password').fill('a brand new password');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/blank\.html\?code=/);
  await page.close();
  // The new password works on the password form.
  await browser.context.clearCookies();
  const again = await newPage();
  await again.goto(authUrl());
  await again.getByRole('button', { name: 'Sign in with a password' }).click();
  await again.locator('#password-phone').fill('+819055550000');
  await again.getByLabel('Password', { exact: true }).fill('a brand new password');
  await again.locator('#password-step button[type=submit]').click();
  await again.waitForURL(/blank\.html\?code=/);
  await again.close();
});

test('locked out after too many wrong passwords: the page says when to try again, in both languages', async () => {
  const locking = await startProvider({ settings: { lockout: { failuresPerAccount: 2, lockoutSeconds: 1800 } } });
  try {
    const lockingApp = cli(locking.dataDir, 'app', 'create', '--name', 'Bookstore', '--redirect-uri', redirect);
    cli(locking.dataDir, 'user', 'create', '--phone', '+819055550000', '--password', 'correct horse');
    for (const [locale, button, label, text] of [
      ['en-US', 'Sign in with a password', 'Password', 'Too many failed attempts. Try again in 30 minutes.'],
      ['ja-JP', 'パスワードでサインイン', 'パスワード', '失敗が多すぎます。30 分後にもう一度お試しください。'],
    ]) {
      await browser.context.clearCookies();
      const page = await newPage(locale);
      await page.goto(authUrl().replace(provider.base, locking.base).replace(app.id, lockingApp.id));
      await page.getByRole('button', { name: button }).click();
      await page.locator('#password-step:not([hidden])').waitFor();
      await page.locator('#password-phone').fill('90-5555-0000');
      for (let i = 0; i < 3; i++) {
        await page.getByLabel(label, { exact: true }).fill('wrong password');
        await Promise.all([page.waitForResponse((r) => r.url().endsWith('/password')), page.locator('#password-step button[type=submit]').click()]);
      }
      await page.getByRole('alert').filter({ hasText: text }).waitFor();
      await page.close();
    }
  } finally {
    await locking.stop();
    locking.cleanup();
  }
});

test('no console errors (the CSP allowed everything the page needs)', () => {
  assert.deepEqual(consoleErrors.filter((e) => !/status of 4\d\d/.test(e)), []);
});
