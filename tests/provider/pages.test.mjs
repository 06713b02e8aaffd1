// The sign-in pages: English and Japanese (Accept-Language and a switch), XSS payloads in
// every reflected field come back escaped, the CSP, the CSRF token on every POST.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { cli, CookieJar, startInteraction, startProvider } from '../support/provider-process.mjs';

const redirect = 'http://app.test/callback';
const XSS = `"><script>alert(1)</script><img src=x onerror=alert(2)>`;
let provider, app;

before(async () => {
  provider = await startProvider({ extraArgs: ['--dev'] });
  app = cli(provider.dataDir, 'app', 'create', '--name', XSS, '--redirect-uri', redirect);
});

after(async () => {
  await provider?.stop();
  provider?.cleanup();
});

async function page(extra = {}, headers = {}) {
  const { id, jar } = await startInteraction(provider.base, app.id, redirect, extra);
  const r = await fetch(`${provider.base}/sign-in?interaction=${id}${extra.langQuery ?? ''}`, { headers: { cookie: jar.header(), ...headers } });
  return { response: r, html: await r.text(), id, jar };
}

test('every reflected value is escaped; the page sets a strict CSP', async () => {
  const { html, response } = await page({ login_hint: XSS, state: XSS });
  assert.ok(!html.includes('<script>alert'), 'no raw script from input');
  assert.ok(!html.includes('<img src=x'), 'no raw tag from input');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('value="&quot;&gt;&lt;script&gt;'));
  const csp = response.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  // The only inline <script> is inert JSON, and its text cannot close the element.
  const inline = [...html.matchAll(/<script(?![^>]*src=)([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.deepEqual(inline.map((m) => m[1].trim()), ['type="application/json" id="messages"']);
  assert.ok(!inline[0][2].includes('<'));
  const expired = await fetch(`${provider.base}/sign-in?interaction=${encodeURIComponent(XSS)}`);
  assert.ok(!(await expired.text()).includes('<script>alert'));
});

test('English by default, Japanese by Accept-Language, and a switch that is remembered', async () => {
  const en = await page();
  assert.match(en.html, /<html lang="en">/);
  assert.match(en.html, /Send code/);
  const ja = await page({}, { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' });
  assert.match(ja.html, /<html lang="ja">/);
  assert.match(ja.html, /認証コードを送信/);
  assert.match(ja.html, /<label for="code-phone">電話番号<\/label>/);
  const switched = await page({ langQuery: '&lang=ja' });
  assert.match(switched.html, /サインイン/);
  assert.match(switched.response.headers.get('set-cookie'), /logto_lang=ja/);
  const remembered = await fetch(`${provider.base}/sign-in?interaction=${switched.id}`, { headers: { cookie: `${switched.jar.header()}; logto_lang=ja` } });
  assert.match(await remembered.text(), /<html lang="ja">/);
});

test('accessible labels: every input has a label', async () => {
  const { html } = await page();
  const inputs = [...html.matchAll(/<(?:input|select) id="([^"]+)"/g)].map((m) => m[1]);
  assert.ok(inputs.length >= 6);
  for (const id of inputs) assert.ok(html.includes(`<label for="${id}"`), `label for ${id}`);
  assert.match(html, /role="alert" aria-live="polite"/);
});

test('a POST without the CSRF token is refused, with or without the cookie', async () => {
  const { id, jar, info } = await startInteraction(provider.base, app.id, redirect);
  assert.equal(typeof info.csrfToken, 'string');
  for (const headers of [
    { 'content-type': 'application/json', cookie: jar.header() },
    { 'content-type': 'application/json', cookie: jar.header(), 'x-csrf-token': 'forged' },
  ]) {
    for (const path of ['/verification-code', '/verification-code/verify', '/password']) {
      const r = await fetch(`${provider.base}/api/experience/${id}${path}`, { method: 'POST', headers, body: JSON.stringify({ phone: '+819012345678', code: '123456', identifier: 'x', password: 'y' }) });
      assert.equal(r.status, 403, path);
      assert.equal((await r.json()).code, 'session.csrf_token_mismatch');
    }
  }
  const foreign = new CookieJar();
  const r = await fetch(`${provider.base}/api/experience/${id}/password`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': info.csrfToken, cookie: foreign.header() }, body: '{}' });
  assert.equal((await r.json()).code, 'session.interaction_not_bound');
});
