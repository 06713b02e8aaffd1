// Hostile input at the edge (docs/provider.md, "Input at the edge"): bytes that are not UTF-8,
// NULs, overlong texts, too many parameters and oversized bodies, on every endpoint that reads
// them. Each is refused with a clear 400-class answer naming what is wrong; none is a 500.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { cli, startInteraction, startProvider } from '../support/provider-process.mjs';

const redirect = 'http://app.test/callback';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
let provider, app;

before(async () => {
  provider = await startProvider({ settings: { adminToken: 'admin-secret' } });
  app = cli(provider.dataDir, 'app', 'create', '--name', 'A', '--redirect-uri', redirect);
});
after(async () => {
  await provider.stop();
  provider.cleanup();
});

// Raw query text, so that bytes like %FF reach the provider as they are.
const authQuery = (extra) => `client_id=${app.id}&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=openid&code_challenge=${CHALLENGE}&code_challenge_method=S256&${extra}`;

const BAD_TEXTS = [
  ['%FF%FE', 'is not valid UTF-8'], // bytes that never occur in UTF-8
  ['%C0%AF', 'is not valid UTF-8'], // an overlong "/"
  ['%ED%A0%80', 'is not valid UTF-8'], // a UTF-16 surrogate
  ['%F4%90%80%80', 'is not valid UTF-8'], // above U+10FFFF
  ['%E3%81', 'is not valid UTF-8'], // cut short
  ['a%00b', 'contains a NUL character'],
  ['x'.repeat(5000), 'is longer than 4096 bytes'],
];

test('/oidc/auth: a bad byte, a NUL or an overlong value in any parameter is an error page naming it', async () => {
  for (const name of ['login_hint', 'state', 'nonce', 'prompt', 'resource']) {
    for (const [value, why] of BAD_TEXTS) {
      const r = await fetch(`${provider.base}/oidc/auth?${authQuery(`${name}=${value}`)}`, { redirect: 'manual' });
      assert.equal(r.status, 400, `${name}=${value.slice(0, 12)}`);
      const html = await r.text();
      assert.match(html, new RegExp(`The parameter ${name} ${why}`), `${name}=${value.slice(0, 12)}`);
    }
  }
  // In the client_id and redirect_uri themselves (checked before either is looked up).
  const r = await fetch(`${provider.base}/oidc/auth?client_id=%FF&redirect_uri=x`, { redirect: 'manual' });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /The parameter client_id is not valid UTF-8/);
  // A bad byte in a parameter's name: the page does not echo it.
  const named = await fetch(`${provider.base}/oidc/auth?${authQuery('%FF=1')}`, { redirect: 'manual' });
  assert.equal(named.status, 400);
  assert.match(await named.text(), /The parameter name is not valid UTF-8\./);
  // A query beyond 8 KiB is refused by the HTTP layer itself (414), like a form body beyond it (413).
  assert.equal((await fetch(`${provider.base}/oidc/auth?${authQuery(`state=${'s'.repeat(9000)}`)}`, { redirect: 'manual' })).status, 414);
  const bigForm = await fetch(`${provider.base}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `code=${'c'.repeat(9000)}` });
  assert.equal(bigForm.status, 413);
  // Too many parameters.
  const many = Array.from({ length: 70 }, (_, i) => `p${i}=1`).join('&');
  const crowded = await fetch(`${provider.base}/oidc/auth?${authQuery(many)}`, { redirect: 'manual' });
  assert.equal(crowded.status, 400);
  assert.match(await crowded.text(), /more than 64 parameters/);
  // Nothing was stored for any of them.
  assert.equal(cli(provider.dataDir, 'db', 'stats').rows.interactions, 0);
});

test('/oidc/token and /oidc/token/revocation: invalid_request naming the parameter', async () => {
  for (const path of ['/oidc/token', '/oidc/token/revocation']) {
    for (const [value, why] of BAD_TEXTS) {
      for (const name of ['client_id', 'code', 'refresh_token', 'token']) {
        const r = await fetch(`${provider.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=authorization_code&${name}=${value}` });
        assert.equal(r.status, 400, `${path} ${name}`);
        const body = await r.json();
        assert.equal(body.error, 'invalid_request');
        assert.equal(body.error_description, `The parameter ${name} ${why}.`);
      }
    }
  }
});

test('/oidc/session/end: a bad post_logout_redirect_uri ends the session but redirects nowhere', async () => {
  const r = await fetch(`${provider.base}/oidc/session/end?client_id=${app.id}&post_logout_redirect_uri=http://app.test/%FF`, { redirect: 'manual' });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('location'), null);
});

test('the experience API: bodies that are not UTF-8 JSON, NULs, overlong strings and oversized bodies', async () => {
  const { id, jar, info } = await startInteraction(provider.base, app.id, redirect);
  const post = (path, body, type = 'application/json') =>
    fetch(`${provider.base}/api/experience/${id}${path}`, { method: 'POST', headers: { 'content-type': type, cookie: jar.header(), 'x-csrf-token': info.csrfToken }, body });
  const bad = await post('/password', Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x65, 0x6e, 0x74, 0x69, 0x66, 0x69, 0x65, 0x72, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]));
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), { code: 'request.invalid_body', message: 'The body must be a JSON object (in UTF-8).' });
  const nul = await post('/password', JSON.stringify({ identifier: 'a\u0000b', password: 'x' }));
  assert.equal(nul.status, 400);
  assert.equal((await nul.json()).message, 'A text in the body contains a NUL character.');
  const long = await post('/verification-code', JSON.stringify({ phone: '1'.repeat(9000) }));
  assert.equal(long.status, 400);
  assert.equal((await long.json()).message, 'A text in the body is longer than 8192 bytes.');
  const nested = await post('/password', JSON.stringify({ identifier: 'ada', password: 'x', extra: [{ deep: 'y'.repeat(9000) }] }));
  assert.equal(nested.status, 400);
  const huge = await post('/password', JSON.stringify({ identifier: 'ada', password: 'p'.repeat(2 << 20) }));
  assert.equal(huge.status, 413, 'a body over 1 MiB is refused before it is read');
  // A wrong JSON type is a 400 naming the field, not a type error escaping as a 500.
  const flow = await post('/verification-code', JSON.stringify({ phone: '+81 90 1234 5678', flow: 5 }));
  assert.equal(flow.status, 400);
  assert.deepEqual(await flow.json(), { code: 'request.invalid_body', message: 'flow must be SignIn, Register or ForgotPassword.' });
  // After all that, the interaction still works.
  const fine = await post('/password', JSON.stringify({ identifier: 'nobody', password: 'wrong password' }));
  assert.equal(fine.status, 422);
});

test('the management API: not UTF-8 or overlong JSON is a 400 with a code', async () => {
  const api = (body) => fetch(`${provider.base}/api/users`, { method: 'POST', headers: { authorization: 'Bearer admin-secret', 'content-type': 'application/json' }, body });
  const bad = await api(Buffer.from('{"username":"\xff"}', 'latin1'));
  assert.equal(bad.status, 400);
  assert.equal((await bad.json()).code, 'request.invalid_json');
  const experience = await fetch(`${provider.base}/api/sign-in-experience`, { method: 'PUT', headers: { authorization: 'Bearer admin-secret', 'content-type': 'application/json' }, body: JSON.stringify({ signIn: { methods: [{ identifier: true, password: true }] } }) });
  assert.equal(experience.status, 400);
  assert.deepEqual(await experience.json(), { code: 'sign_in_experience.invalid', message: 'signIn.methods[].identifier must be "phone".' });
  const long = await api(JSON.stringify({ username: 'u'.repeat(70000) }));
  assert.equal(long.status, 400);
  assert.deepEqual(await long.json(), { code: 'request.invalid_body', message: 'A text in the body is longer than 65536 bytes.' });
});

test('the sign-in page: a bad interaction id or lang is an ordinary "expired" page, not an error', async () => {
  for (const query of ['interaction=%FF%FE', 'interaction=a%00b', `interaction=${'x'.repeat(5000)}`, 'interaction=x&lang=%FF']) {
    const r = await fetch(`${provider.base}/sign-in?${query}`);
    assert.ok([400, 404].includes(r.status), `${query.slice(0, 30)}: ${r.status}`);
    assert.match(r.headers.get('content-type'), /text\/html/);
  }
});

test('a forged X-Forwarded-For is ignored without trustProxy and a broken one with it', async () => {
  const trusting = await startProvider({ settings: { trustProxy: true, rateLimits: { authorizePerIp: 3 } } });
  try {
    const a = cli(trusting.dataDir, 'app', 'create', '--name', 'A', '--redirect-uri', redirect);
    const url = `${trusting.base}/oidc/auth?${authQuery('').replace(app.id, a.id)}`;
    const statuses = [];
    // Not addresses: each falls back to the socket's address, so all four count together.
    for (const forged of ['not-an-ip', '\u00ff\u00fe', `${'9'.repeat(5000)}`, '1.2.3.4.5']) {
      statuses.push((await fetch(url, { redirect: 'manual', headers: { 'x-forwarded-for': forged } })).status);
    }
    assert.deepEqual(statuses, [303, 303, 303, 429]);
  } finally {
    await trusting.stop();
    trusting.cleanup();
  }
});
