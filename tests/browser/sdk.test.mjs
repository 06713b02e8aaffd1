// The built SDK in headless Chromium, loaded the ways users load it: the single-file ES module
// from a static server (as from a CDN), the classic <script src> build and the split module.
// A fake provider on another origin answers with CORS; its /oidc/auth is intercepted and
// answered with a redirect to the callback page, as a provider does after sign-in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

import { launchChromium } from '../support/chromium.mjs';
import { serveFakeProvider } from '../support/fake-provider.mjs';
import { serveStatic } from '../support/static-server.mjs';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
let provider, site, browser;

before(async () => {
  provider = await serveFakeProvider({ appId: 'app1' });
  site = await serveStatic({
    mounts: { '/dist/': here('../../js/dist/'), '/': here('./pages/') },
    generated: (path) =>
      path === '/config.js'
        ? { type: 'text/javascript', body: `window.TEST = ${JSON.stringify({ endpoint: provider.base, appId: 'app1' })};` }
        : undefined,
    headers: (path) =>
      ({
        '/csp.html': { 'content-security-policy': "script-src 'self'; connect-src *" },
        // What a strict site allows: WebAssembly, but no eval of JavaScript.
        '/csp-wasm.html': { 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'; connect-src *" },
      })[path] ?? {},
  });
  browser = await launchChromium();
  await browser.context.route(`${provider.base}/oidc/auth?**`, (route) =>
    route.fulfill({ status: 302, headers: { location: provider.authorize(route.request().url()) } }),
  );
});

after(async () => {
  await browser?.close();
  await site?.close();
  await provider?.close();
});

async function open(path) {
  const page = await browser.context.newPage();
  await page.goto(`${site.origin}${path}`);
  await page.waitForFunction(() => window.ready === true);
  return page;
}

const tokenPosts = (grant) =>
  provider.seen.filter((r) => r.path === '/oidc/token' && new URLSearchParams(r.body).get('grant_type') === grant).length;

async function signIn(page) {
  await page.evaluate((origin) => window.logtoClient.signIn(`${origin}/callback.html`), site.origin);
  await page.waitForURL(/\/callback\.html\?code=/);
  await page.waitForFunction(() => window.ready === true);
  return page.evaluate(() => window.callbackResult);
}

test('ES module: sign-in round trip, double callback, @logto storage keys', async () => {
  const page = await open('/esm.html');
  assert.equal(await page.evaluate(() => window.logtoClient.isAuthenticated()), false);
  const before = tokenPosts('authorization_code');
  assert.equal(await signIn(page), 'ok');
  assert.equal(tokenPosts('authorization_code') - before, 1, 'the two callbacks shared one exchange');
  const storage = await page.evaluate(async () => ({
    local: Object.keys(localStorage).sort(),
    session: Object.keys(sessionStorage),
    authenticated: await window.logtoClient.isAuthenticated(),
  }));
  assert.deepEqual(storage.local, ['logto:app1:accessToken', 'logto:app1:idToken', 'logto:app1:refreshToken']);
  assert.deepEqual(storage.session, []);
  assert.equal(storage.authenticated, true);
  assert.equal(await page.evaluate(async () => (await window.logtoClient.getIdTokenClaims()).name), 'Ada');
  await page.evaluate(() => window.logtoClient.clearAllTokens());
  await page.close();
});

test('error classes and codes in the page', async () => {
  const page = await open('/esm.html');
  const result = await page.evaluate(async () => {
    const { default: LogtoClient, LogtoClientError, LogtoError, LogtoWasmError } = window.sdk;
    const out = {};
    try {
      await new LogtoClient({ endpoint: 'https://x.test' }).isAuthenticated();
    } catch (e) {
      out.config = [e instanceof LogtoWasmError, e.name, e.constructor.name, e.code];
    }
    try {
      await window.logtoClient.handleSignInCallback(`${location.origin}/callback.html?code=a&state=b`);
    } catch (e) {
      out.session = [e instanceof LogtoClientError, e.code];
    }
    out.logtoError = new LogtoError('id_token.invalid_token') instanceof Error;
    out.names = [LogtoClient.name, window.logtoClient.constructor.name, LogtoError.name];
    return out;
  });
  assert.deepEqual(result, {
    // Names as @logto/browser's, though the bundle is minified.
    names: ['LogtoClient', 'LogtoClient', 'LogtoError'],
    config: [true, 'LogtoWasmError', 'LogtoWasmError', 'invalid_config'],
    session: [true, 'sign_in_session.not_found'],
    logtoError: true,
  });
  await page.close();
});

test('classic <script src> build defines window.LogtoClient and works', async () => {
  const page = await open('/classic.html');
  const result = await page.evaluate(async () => ({
    type: typeof window.LogtoClient,
    errors: typeof window.LogtoClient.LogtoClientError,
    prompt: window.LogtoClient.Prompt.Login,
    authenticated: await window.logtoClient.isAuthenticated(),
    issuer: (await window.logtoClient.getOidcConfig()).issuer,
  }));
  assert.deepEqual(result, {
    type: 'function',
    errors: 'function',
    prompt: 'login',
    authenticated: false,
    issuer: `${provider.base}/oidc`,
  });
  await page.close();
});

test('split build fetches logto.wasm next to the module', async () => {
  const page = await open('/split.html');
  const wasm = page.waitForResponse((r) => r.url().endsWith('/dist/logto.wasm'));
  assert.equal(await page.evaluate(() => window.logtoClient.isAuthenticated()), false);
  assert.equal((await wasm).status(), 200);
  await page.close();
});

test('split build from a server that sends logto.wasm without application/wasm still loads', async () => {
  // instantiateStreaming refuses another Content-Type; the SDK then compiles from the bytes.
  const page = await browser.context.newPage();
  await page.route('**/dist/logto.wasm', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-type': 'application/octet-stream' } });
  });
  await page.goto(`${site.origin}/split.html`);
  await page.waitForFunction(() => window.ready === true);
  const wasm = page.waitForResponse((r) => r.url().endsWith('/dist/logto.wasm'));
  assert.equal(await page.evaluate(() => window.logtoClient.isAuthenticated()), false);
  assert.equal((await wasm).headers()['content-type'], 'application/octet-stream');
  await page.close();
});

test('a CSP without wasm-unsafe-eval fails the call with a message that says so, and retries', async () => {
  const page = await open('/csp.html');
  // isAuthenticated() answers from the build's record of the core's rule, without the core.
  assert.equal(await page.evaluate(() => window.logtoClient.isAuthenticated()), false);
  const result = await page.evaluate(async () => {
    // A load that never settles must fail this test, not hang it.
    const attempt = () =>
      Promise.race([
        window.logtoClient.getIdTokenClaims().then(
          () => 'resolved',
          (e) => [e instanceof window.sdk.LogtoWasmError, e.code, e.message],
        ),
        new Promise((resolve) => setTimeout(() => resolve('still pending after 10 s'), 10_000)),
      ]);
    return [await attempt(), await attempt()];
  });
  for (const [isWasmError, code, message] of result) {
    assert.equal(isWasmError, true);
    assert.equal(code, 'wasm_unavailable');
    assert.match(message, /wasm-unsafe-eval/);
  }
  await page.close();
});

test("a CSP with 'wasm-unsafe-eval' but no 'unsafe-eval' runs the SDK (the glue never evals)", async () => {
  const page = await open('/csp-wasm.html');
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const result = await page.evaluate(async () => [
    await window.logtoClient.isAuthenticated(),
    (await window.logtoClient.getOidcConfig()).tokenEndpoint,
  ]);
  assert.deepEqual(result, [false, `${provider.base}/oidc/token`]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('two tabs, one rotating refresh token: one refresh request', async () => {
  const first = await open('/esm.html');
  assert.equal(await signIn(first), 'ok');
  const home = await open('/esm.html');
  const second = await open('/esm.html');
  await home.evaluate(() => window.logtoClient.clearAccessToken()); // both tabs must refresh
  provider.state.tokenDelayMs = 400;
  const before = tokenPosts('refresh_token');
  try {
    const [a, b] = await Promise.all([
      home.evaluate(() => window.logtoClient.getAccessToken()),
      second.evaluate(() => window.logtoClient.getAccessToken()),
    ]);
    assert.equal(tokenPosts('refresh_token') - before, 1);
    assert.equal(a, b);
  } finally {
    provider.state.tokenDelayMs = 0;
  }
  assert.equal(await second.evaluate(() => window.logtoClient.isAuthenticated()), true);

  // Both tabs now answer getAccessToken from their memo. A refresh in one tab is seen by the
  // other's next call once the browser has delivered the write to it (Chromium passes
  // localStorage changes between tabs a moment later; we wait for exactly that, no longer), and
  // a sign-out in one tab ends the other's session likewise.
  const delivered = (key, text) =>
    second.waitForFunction(([k, t]) => localStorage.getItem(k) === t, [key, text]);
  await home.evaluate(() => window.logtoClient.getAccessToken());
  await home.evaluate(() => window.logtoClient.clearAccessToken());
  const fresh = await home.evaluate(() => window.logtoClient.getAccessToken());
  await delivered('logto:app1:accessToken', await home.evaluate(() => localStorage.getItem('logto:app1:accessToken')));
  assert.equal(await second.evaluate(() => window.logtoClient.getAccessToken()), fresh);
  await home.evaluate(() => window.logtoClient.clearAllTokens());
  await delivered('logto:app1:idToken', null);
  assert.equal(await second.evaluate(() => window.logtoClient.isAuthenticated()), false);
  const after = await second.evaluate(() => window.logtoClient.getAccessToken().then(() => 'served', (e) => e.code));
  assert.equal(after, 'not_authenticated');
  for (const page of [first, home, second]) await page.close();
});
