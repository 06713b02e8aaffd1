// The provider without a process-wide lock: requests run side by side, each rule that reads
// then writes is one transaction, and slow work (Argon2id, signing, the Twilio call) holds
// nothing. Each test sends the same thing many times at once and checks the rule held exactly:
// under a race (two requests both reading "unused" before either writes) they would fail.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { startFakeTwilio, twilioConfig } from '../support/fake-twilio.mjs';
import { browserSignIn, cli, makeDataDir, PROVIDER_BIN, startInteraction, startProvider } from '../support/provider-process.mjs';

const redirect = 'http://app.test/callback';
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
let twilio, provider, app, dataDir;

before(async () => {
  twilio = await startFakeTwilio();
  dataDir = makeDataDir();
  cli(dataDir, 'connector', 'set', 'twilio', '--config', JSON.stringify(twilioConfig(twilio.apiBase)));
  provider = await startProvider({ dataDir });
  app = cli(dataDir, 'app', 'create', '--name', 'Bookstore', '--redirect-uri', redirect);
  cli(dataDir, 'user', 'create', '--username', 'ada', '--password', 'correct horse battery');
});

after(async () => {
  await provider?.stop();
  provider?.cleanup();
  await twilio?.close();
});

const authUrl = () => {
  const url = new URL(`${provider.base}/oidc/auth`);
  const params = { client_id: app.id, redirect_uri: redirect, response_type: 'code', scope: 'openid offline_access', prompt: 'consent', code_challenge: CHALLENGE, code_challenge_method: 'S256' };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
};

async function freshCode() {
  const { callback, error } = await browserSignIn(authUrl(), { identifier: 'ada', password: 'correct horse battery' });
  assert.ok(callback, JSON.stringify(error));
  return new URL(callback).searchParams.get('code');
}

const token = (params) =>
  fetch(`${provider.base}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: app.id, ...params }),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

const exchange = (code) => token({ grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: VERIFIER });
const refresh = (refreshToken) => token({ grant_type: 'refresh_token', refresh_token: refreshToken });

test('one authorization code sent 20 times at once: exactly one exchange succeeds, and the replay revokes its grant', async () => {
  const code = await freshCode();
  const answers = await Promise.all(Array.from({ length: 20 }, () => exchange(code)));
  const ok = answers.filter((a) => a.status === 200);
  assert.equal(ok.length, 1, JSON.stringify(answers.map((a) => a.status)));
  for (const a of answers.filter((x) => x.status !== 200)) assert.equal(a.body.error, 'invalid_grant');
  // The code was replayed: the grant is gone, so the winner's refresh token is too.
  assert.equal((await refresh(ok[0].body.refresh_token)).status, 400);
});

test('one refresh token sent 10 times at once: rotated once, every answer inside the reuse leeway works, a reuse after it revokes', async () => {
  const first = await exchange(await freshCode());
  assert.equal(first.status, 200);
  const answers = await Promise.all(Array.from({ length: 10 }, () => refresh(first.body.refresh_token)));
  assert.deepEqual(answers.map((a) => a.status), Array(10).fill(200));
  const issued = new Set(answers.map((a) => a.body.refresh_token));
  assert.equal(issued.size, 10, 'each answer has its own new refresh token');
  await new Promise((r) => setTimeout(r, 6000)); // past the 5 s leeway
  const late = await refresh(first.body.refresh_token);
  assert.equal(late.status, 400);
  assert.match(late.body.error_description, /already used; the grant is revoked/);
  assert.equal((await refresh([...issued][0])).status, 400, 'the whole family is revoked');
});

test('ten code requests for one number at once: exactly one is sent, nine are told to wait', async () => {
  const phone = '+819033330001';
  const interactions = await Promise.all(Array.from({ length: 10 }, () => startInteraction(provider.base, app.id, redirect)));
  const before = twilio.requests.filter((r) => r.form.To === phone).length;
  const answers = await Promise.all(interactions.map(({ call }) => call('/verification-code', { phone })));
  const statuses = answers.map((a) => a.status).sort();
  assert.deepEqual(statuses, [200, ...Array(9).fill(429)]);
  assert.equal(twilio.requests.filter((r) => r.form.To === phone).length - before, 1);
});

test('one right code sent 5 times at once: one sign-in, the others are told there is no code', async () => {
  const phone = '+819033330002';
  const { call } = await startInteraction(provider.base, app.id, redirect);
  assert.equal((await call('/verification-code', { phone })).status, 200);
  const code = twilio.lastCode(phone);
  const answers = await Promise.all(Array.from({ length: 5 }, () => call('/verification-code/verify', { phone, code })));
  const ok = answers.filter((a) => a.status === 200);
  assert.equal(ok.length, 1, JSON.stringify(answers.map((a) => [a.status, a.body.code])));
  for (const a of answers.filter((x) => x.status !== 200)) {
    assert.ok(['verification_code.not_found', 'session.not_found'].includes(a.body.code), a.body.code);
  }
  assert.equal(cli(dataDir, 'user', 'list').filter((u) => u.phone === phone).length, 1);
});

test('one new number registered by two sign-ins at once: one user, both signed in as it', async () => {
  // A provider whose resend interval is 1 s, so two sign-ins can each hold a code for one number.
  const dir = makeDataDir();
  writeFileSync(join(dir, 'provider.json'), JSON.stringify({ smsResendInterval: 1 }));
  cli(dir, 'connector', 'set', 'twilio', '--config', JSON.stringify(twilioConfig(twilio.apiBase)));
  const fast = await startProvider({ dataDir: dir, extraArgs: ['--config', join(dir, 'provider.json')] });
  try {
    const local = cli(dir, 'app', 'create', '--name', 'Fast', '--redirect-uri', redirect);
    const phone = '+819033330003';
    const codes = [];
    const sessions = [];
    for (let i = 0; i < 2; i++) {
      const s = await startInteraction(fast.base, local.id, redirect);
      assert.equal((await s.call('/verification-code', { phone })).status, 200);
      codes.push(twilio.lastCode(phone));
      sessions.push(s);
      await new Promise((r) => setTimeout(r, 1100));
    }
    const answers = await Promise.all(sessions.map((s, i) => s.call('/verification-code/verify', { phone, code: codes[i] })));
    assert.deepEqual(answers.map((a) => a.status), [200, 200], JSON.stringify(answers.map((a) => a.body)));
    const users = cli(dir, 'user', 'list').filter((u) => u.phone === phone);
    assert.equal(users.length, 1);
    const subs = await Promise.all(answers.map(async (a) => {
      const code = new URL(a.body.redirectTo).searchParams.get('code');
      const r = await fetch(`${fast.base}/oidc/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: local.id, grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: VERIFIER }),
      });
      return JSON.parse(Buffer.from((await r.json()).id_token.split('.')[1], 'base64url')).sub;
    }));
    assert.deepEqual(subs, [users[0].id, users[0].id]);
  } finally {
    await fast.stop();
    fast.cleanup();
  }
});

test('a Twilio call that hangs delays only the person who asked: other sign-ins complete meanwhile', async () => {
  const phone = '+819033330004';
  const release = twilio.hangFor(phone);
  try {
    const { call } = await startInteraction(provider.base, app.id, redirect);
    let sendDone = false;
    const send = call('/verification-code', { phone }).then((r) => ((sendDone = true), r));
    await new Promise((r) => setTimeout(r, 300)); // the send is now waiting on Twilio
    const signIns = await Promise.all(Array.from({ length: 6 }, () => freshCode()));
    assert.equal(signIns.length, 6);
    // Had they waited on the send (as under the old process-wide lock), they could only have
    // finished after it.
    assert.equal(sendDone, false, 'the send is still waiting on Twilio');
    release();
    assert.equal((await send).status, 200);
  } finally {
    release();
  }
});

// Under ThreadSanitizer everything runs ~10x slower: a burst of 100 new connections outlasts
// httplib's 5 s read timeout there, so that run sends 40.
const BURST = PROVIDER_BIN.includes('/tsan/') ? 40 : 100;

test('the sweeper deletes while requests run, and the limiter counts a burst of requests at once exactly', async () => {
  const dir = makeDataDir();
  writeFileSync(join(dir, 'provider.json'), JSON.stringify({ trustProxy: true, sweepInterval: 1, interactionTtl: 3, sessionTtl: 3, rateLimits: { authorizePerIp: 20 } }));
  const swept = await startProvider({ dataDir: dir, extraArgs: ['--config', join(dir, 'provider.json')] });
  try {
    const sweptApp = cli(dir, 'app', 'create', '--name', 'Swept', '--redirect-uri', redirect);
    cli(dir, 'user', 'create', '--username', 'ada', '--password', 'correct horse battery');
    const url = new URL(`${swept.base}/oidc/auth`);
    for (const [k, v] of Object.entries({ client_id: sweptApp.id, redirect_uri: redirect, response_type: 'code', scope: 'openid', code_challenge: CHALLENGE, code_challenge_method: 'S256' })) url.searchParams.set(k, v);
    // A flood from one address (behind the trusted proxy); the sign-ins below come from another.
    const statuses = (await Promise.all(Array.from({ length: BURST }, () => fetch(url, { redirect: 'manual', headers: { 'x-forwarded-for': '192.0.2.1' } })))).map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 303).length, 20);
    assert.equal(statuses.filter((s) => s === 429).length, BURST - 20);
    // Sign-ins (writes) while the sweeper removes the 40 interactions and then the sessions.
    // (Lifetimes of 3 s: the flood's interactions and the first sessions expire mid-way.)
    for (let round = 0; round < 5; round++) {
      const results = await Promise.all(Array.from({ length: 4 }, () => browserSignIn(url.href, { identifier: 'ada', password: 'correct horse battery' })));
      assert.ok(results.every((r) => r.signedIn && /[?&]code=/.test(r.callback)), JSON.stringify(results.map((r) => r.status ?? r.callback)));
      await new Promise((r) => setTimeout(r, 1100));
    }
    assert.match(swept.log(), /\[provider\] swept \{.*"interactions":[1-9]/);
    assert.doesNotMatch(swept.log(), /ThreadSanitizer|sweep failed/);
    assert.equal(swept.child.exitCode, null);
  } finally {
    await swept.stop();
    swept.cleanup();
  }
});

// npm test runs this file a second time against the ThreadSanitizer build of the provider
// (LOGTO_PROVIDER_BIN; scripts/test.sh), which halts on the first data race it sees.
test('no data race reported by the provider', () => {
  assert.doesNotMatch(provider.log(), /ThreadSanitizer/);
  assert.equal(provider.child.exitCode, null, 'the provider is still running');
});
