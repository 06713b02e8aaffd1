// Where crypto.subtle does not exist. Browsers hide WebCrypto outside secure contexts, e.g. a
// site on plain http under a LAN host name; @logto/browser cannot sign in there
// (crypto_subtle_unavailable). Ours verifies ID tokens with logto-crypto.mjs (mbedTLS), which it
// fetches only then: a secure origin never downloads it. Chromium maps site.test to 127.0.0.1.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { launchChromium } from '../support/chromium.mjs';
import { serveHostileProvider } from '../support/hostile-provider.mjs';
import { serveSiteWithPeer } from '../support/peer-site.mjs';

let provider, site, browser, port;

before(async () => {
  provider = await serveHostileProvider();
  site = await serveSiteWithPeer();
  port = new URL(site.origin).port;
  browser = await launchChromium({ args: ['--host-resolver-rules=MAP site.test 127.0.0.1'] });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await provider?.close();
});

// Opens `path` on `origin`, recording which of our dist files the page fetches.
async function open(origin, path) {
  const page = await browser.context.newPage();
  const fetched = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/dist/')) fetched.push(pathname.slice('/dist/'.length));
  });
  await page.goto(`${origin}${path}`);
  await page.waitForFunction(() => window.ready === true);
  const call = (sdk, method, ...args) => page.evaluate(([s, m, a]) => window.call(s, m, ...a), [sdk, method, args]);
  const signIn = async (sdk, appId) => {
    await page.evaluate(([s, config]) => window.make(s, config), [sdk, { endpoint: provider.base, appId }]);
    const started = await call(sdk, 'signIn', `${origin}/callback`);
    if (started.error) return started;
    return call(sdk, 'handleSignInCallback', provider.authorize(await page.evaluate((s) => window.lastNavigation(s), sdk)));
  };
  return { page, fetched, call, signIn };
}

const insecure = () => `http://site.test:${port}`;

for (const [label, path] of [['ES module', '/hostile.html'], ['classic script', '/classic-calls.html']]) {
  test(`insecure origin, ${label}: signs in with the mbedTLS fallback, fetched then`, async () => {
    const { page, fetched, call, signIn } = await open(insecure(), path);
    assert.deepEqual(await page.evaluate(() => [window.isSecureContext, typeof crypto.subtle]), [false, 'undefined']);
    for (const signIdToken of [(c, t) => t.good(c), (c, t) => t.signedWith('RS256')(c)]) {
      provider.setScript({ signIdToken });
      assert.deepEqual(await signIn('ours', `insecure-${label}`), { value: null });
      assert.equal((await call('ours', 'getIdTokenClaims')).value.sub, 'alice');
    }
    // The fallback refuses what WebCrypto would: a signature by another key.
    provider.setScript({ signIdToken: (c, t) => t.forged(c) });
    const refused = await signIn('ours', `insecure-${label}-forged`);
    assert.equal(refused.error?.code, 'id_token.invalid_token');
    assert.equal(refused.error.data.reason, 'signature_invalid');
    assert.equal(fetched.filter((f) => f === 'logto-crypto.mjs').length, 1, `fetched: ${fetched}`);
    await page.close();
  });
}

test('insecure origin: @logto/browser cannot sign in there at all', async () => {
  const { page, signIn } = await open(insecure(), '/hostile.html');
  provider.setScript({});
  const outcome = await signIn('logto', 'insecure-logto');
  assert.equal(outcome.error?.code, 'crypto_subtle_unavailable');
  await page.close();
});

test('secure origin: WebCrypto verifies, and logto-crypto.mjs is never fetched', async () => {
  const { page, fetched, call, signIn } = await open(site.origin, '/hostile.html');
  assert.equal(await page.evaluate(() => typeof crypto.subtle), 'object');
  provider.setScript({});
  assert.deepEqual(await signIn('ours', 'secure'), { value: null });
  await call('ours', 'clearAccessToken');
  assert.equal(typeof (await call('ours', 'getAccessToken')).value, 'string');
  assert.deepEqual(fetched.filter((f) => f.startsWith('logto-crypto')), []);
  await page.close();
});
