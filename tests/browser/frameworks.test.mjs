// @logto/react and @logto/vue (the latest majors, devDependencies) on top of logto-wasm: a
// small app of each, built by Vite with `@logto/browser` aliased to our package as a user would,
// signs in with a phone and password at our provider and signs out, in headless Chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'vite';

import { launchChromium } from '../support/chromium.mjs';
import { cli, startProvider } from '../support/provider-process.mjs';
import { serveStatic } from '../support/static-server.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
let provider, browser, out;

before(async () => {
  out = mkdtempSync(join(tmpdir(), 'logto-wasm-apps-'));
  provider = await startProvider({ extraArgs: ['--dev'] });
  cli(provider.dataDir, 'user', 'create', '--phone', '+819055550000', '--password', 'correct horse', '--name', 'Ada');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await provider?.stop();
  provider?.cleanup();
  rmSync(out, { recursive: true, force: true });
});

async function buildApp(name) {
  const outDir = join(out, name);
  await build({
    root: join(root, 'tests/browser/apps', name),
    logLevel: 'error',
    configFile: false,
    // What the package README tells React and Vue users to write.
    resolve: { alias: { '@logto/browser': join(root, 'js') } },
    define: { __VUE_OPTIONS_API__: 'true', __VUE_PROD_DEVTOOLS__: 'false', __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false' },
    build: { outDir, emptyOutDir: true },
  });
  const assets = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
  const code = assets.map((f) => readFileSync(join(outDir, 'assets', f), 'utf8')).join('\n');
  // Our core is in the bundle, and @logto/browser's own client (jose's verifier) is not.
  assert.match(code, /could not start its WebAssembly core/);
  assert.doesNotMatch(code, /JWSSignatureVerificationFailed|ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
  return outDir;
}

async function serveApp(outDir) {
  let site;
  site = await serveStatic({
    mounts: { '/': outDir },
    generated: (path) => {
      if (path === '/config.js') {
        return { type: 'text/javascript', body: `window.TEST = ${JSON.stringify({ endpoint: provider.base, appId: site.app.id })};` };
      }
      if (path === '/' || path === '/callback') return { type: 'text/html', body: readFileSync(join(outDir, 'index.html')) };
      return undefined;
    },
  });
  site.app = cli(provider.dataDir, 'app', 'create', '--name', `App ${site.origin}`, '--redirect-uri', `${site.origin}/callback`, '--post-logout-uri', `${site.origin}/`);
  return site;
}

async function signInAndOut(name) {
  const site = await serveApp(await buildApp(name));
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // A wait that fails with what the page shows, not only that it timed out.
  const status = (text) =>
    page.locator('#status', { hasText: text }).waitFor().catch(async (e) => {
      const shown = await page.locator('body').textContent({ timeout: 2000 }).catch(() => '(no page)');
      throw new Error(`${e.message.split('\n')[0]}; waiting for "${text}" at ${page.url()}, the page shows "${shown}"; ${errors}`);
    });
  try {
    await page.goto(`${site.origin}/`);
    await status('signed out');
    await page.click('#sign-in');
    await page.waitForURL(`${provider.base}/**`).catch(async (e) => {
      throw new Error(`${e.message}; page says: ${await page.locator('body').innerText()}; ${errors}`);
    });
    await page.getByRole('button', { name: 'Sign in with a password' }).click();
    await page.locator('#password-phone').fill('+819055550000');
    await page.getByLabel('Password', { exact: true }).fill('correct horse');
    await page.locator('#password-step button[type=submit]').click();
    await page.waitForURL(`${site.origin}/callback?**`, { waitUntil: 'commit' });
    await page.waitForURL(`${site.origin}/`);
    await status('signed in as Ada');
    const stored = await page.evaluate(() => Object.keys(localStorage).sort());
    assert.deepEqual(stored, ['accessToken', 'idToken', 'refreshToken'].map((k) => `logto:${site.app.id}:${k}`));
    // Out through the provider's end-session endpoint and back.
    await Promise.all([page.waitForNavigation({ url: `${site.origin}/` }), page.click('#sign-out')]);
    await status('signed out');
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await site.close();
    await browser.context.clearCookies();
  }
}

test('@logto/react 4 on logto-wasm: Vite build, sign in and out against our provider', { timeout: 120_000 }, async () => {
  await signInAndOut('react');
});

test('@logto/vue 3 on logto-wasm: Vite build, sign in and out against our provider', { timeout: 120_000 }, async () => {
  await signInAndOut('vue');
});
