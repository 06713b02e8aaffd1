// The provider's data stays bounded (docs/provider.md, "Retention and limits"): expired state
// of every kind is swept on a timer and the file shrinks back; the rules that need history
// (a replayed code, a reused refresh token) still hold after a sweep; anonymous traffic is
// limited per IP, per application and by a cap on open sign-ins, with 429 and Retry-After.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { browserSignIn, cli, configRefusal, makeDataDir, startInteraction, startProvider, usingPostgres } from '../support/provider-process.mjs';

const redirect = 'http://app.test/callback';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function providerWith(settings, extraArgs = []) {
  const dataDir = makeDataDir();
  const file = join(dataDir, 'provider.json');
  writeFileSync(file, JSON.stringify(settings));
  const provider = await startProvider({ dataDir, extraArgs: ['--config', file, ...extraArgs] });
  const app = cli(dataDir, 'app', 'create', '--name', 'A', '--redirect-uri', redirect);
  cli(dataDir, 'user', 'create', '--username', 'ada', '--password', 'correct horse', '--phone', '+819012345678');
  return { provider, app, dataDir, stats: () => cli(dataDir, 'db', 'stats') };
}

function authUrl(base, appId, verifier, scope = 'openid offline_access') {
  const url = new URL(`${base}/oidc/auth`);
  const params = { client_id: appId, redirect_uri: redirect, response_type: 'code', scope, code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

const tokenRequest = (base, body, headers = {}) =>
  fetch(`${base}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(body) });

// A whole sign-in with password; returns {code, verifier} (the code not yet exchanged).
async function signInForCode(base, appId, jar, identifier = 'ada') {
  const verifier = randomBytes(32).toString('base64url');
  const result = await browserSignIn(authUrl(base, appId, verifier), { identifier, password: 'correct horse', jar });
  assert.ok(result.callback, `signed in: ${JSON.stringify(result.error)}`);
  return { code: new URL(result.callback).searchParams.get('code'), verifier, jar: result.jar };
}

async function exchange(base, appId, { code, verifier }) {
  return tokenRequest(base, { grant_type: 'authorization_code', client_id: appId, code, redirect_uri: redirect, code_verifier: verifier });
}

test('every kind of expired state is swept on the timer, and the file shrinks back', async () => {
  const { provider, app, stats } = await providerWith(
    { interactionTtl: 15, sessionTtl: 4, authorizationCodeTtl: 2, accessTokenTtl: 1, refreshTokenTtl: 4, verificationCodeTtl: 4, smsLimitWindow: 4, smsResendInterval: 1, sweepInterval: 1, rateLimits: { authorizePerIp: 0, liveInteractionsPerIp: 0 } },
    ['--dev'],
  );
  try {
    const base = provider.base;
    // What the file needs with no sign-in state at all (schema, the app, the Console's records).
    // (SQLite only: PostgreSQL reports its database size, and its autovacuum gives space back.)
    const empty = stats().pages;
    // Many abandoned sign-ins, so the file grows.
    const url = authUrl(base, app.id, randomBytes(32).toString('base64url'));
    for (let i = 0; i < 20; i++) {
      await Promise.all(Array.from({ length: 50 }, () => fetch(url, { redirect: 'manual' })));
    }
    // A session, a grant, a used code, a rotated and a live refresh token.
    const signedIn = await signInForCode(base, app.id);
    const tokens = await (await exchange(base, app.id, signedIn)).json();
    assert.ok(tokens.refresh_token);
    const refreshed = await tokenRequest(base, { grant_type: 'refresh_token', client_id: app.id, refresh_token: tokens.refresh_token });
    assert.equal(refreshed.status, 200);
    // An unused code: the SSO session answers a second request at once.
    const again = await fetch(authUrl(base, app.id, randomBytes(32).toString('base64url')), { redirect: 'manual', headers: { cookie: signedIn.jar.header() } });
    assert.match(again.headers.get('location'), /code=/);
    // A sent code (and its send record), then abandoned.
    const phone = await startInteraction(base, app.id, redirect);
    assert.equal((await phone.call('/verification-code', { phone: '+819012345678' })).status, 200);
    const before = stats();
    for (const table of ['interactions', 'sessions', 'grants', 'authorization_codes', 'refresh_tokens', 'access_tokens', 'verification_codes', 'sms_sends']) {
      assert.ok(before.rows[table] > 0, `${table} has rows before the sweep: ${JSON.stringify(before.rows)}`);
    }
    assert.ok(before.rows.interactions >= 1000);
    if (!usingPostgres) assert.equal(before.autoVacuum, 'incremental');

    // Everything above lives at most 15 s (the interactions; the grant: its last refresh token's 4 s).
    let after;
    for (let i = 0; i < 120; i++) {
      await sleep(250);
      after = stats();
      if (Object.entries(after.rows).every(([t, n]) => n === 0 || t === 'users' || t === 'applications')) break;
    }
    assert.deepEqual(after.rows, { ...after.rows, interactions: 0, sessions: 0, grants: 0, authorization_codes: 0, refresh_tokens: 0, access_tokens: 0, verification_codes: 0, sms_sends: 0 });
    assert.equal(after.rows.users, 1, 'users are never swept');
    assert.equal(after.rows.applications, before.rows.applications, 'applications (this one and the Console\'s) are never swept');
    // At least half of what the sign-ins added is given back to the file system.
    if (!usingPostgres) {
      const grown = before.pages - empty;
      assert.ok(after.pages - empty < grown / 2, `pages given back: ${empty} empty, ${before.pages} -> ${after.pages}`);
    } else {
      assert.ok(after.databaseBytes > 0, JSON.stringify(after));
    }
    assert.match(provider.log(), /\[provider\] swept \{.*"interactions":\d+/);
    // The swept session no longer signs anyone in.
    const expired = await fetch(authUrl(base, app.id, randomBytes(32).toString('base64url')), { redirect: 'manual', headers: { cookie: signedIn.jar.header() } });
    assert.match(expired.headers.get('location'), /^\/sign-in\?interaction=/);
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('after a sweep, a replayed code still revokes its grant and a reused refresh token still does', async () => {
  const { provider, app, dataDir } = await providerWith({ authorizationCodeTtl: 30 });
  try {
    const base = provider.base;
    // A used code is kept until it expires: its replay is caught after a sweep.
    const first = await signInForCode(base, app.id);
    const tokens = await (await exchange(base, app.id, first)).json();
    assert.ok(tokens.refresh_token);
    const swept = cli(dataDir, 'db', 'sweep');
    assert.equal(typeof swept.removed.authorizationCodes, 'number');
    const replay = await exchange(base, app.id, first);
    assert.equal(replay.status, 400);
    assert.match((await replay.json()).error_description, /already used; its tokens are revoked/);
    const revoked = await tokenRequest(base, { grant_type: 'refresh_token', client_id: app.id, refresh_token: tokens.refresh_token });
    assert.equal(revoked.status, 400, 'the grant behind the replayed code is revoked');

    // A rotated refresh token is kept for its own life: reuse after the leeway revokes the grant.
    const second = await signInForCode(base, app.id);
    const t1 = await (await exchange(base, app.id, second)).json();
    const t2 = await (await tokenRequest(base, { grant_type: 'refresh_token', client_id: app.id, refresh_token: t1.refresh_token })).json();
    assert.ok(t2.refresh_token);
    await sleep(6000); // past the 5 s reuse leeway
    cli(dataDir, 'db', 'sweep');
    const reuse = await tokenRequest(base, { grant_type: 'refresh_token', client_id: app.id, refresh_token: t1.refresh_token });
    assert.equal(reuse.status, 400);
    assert.match((await reuse.json()).error_description, /already used; the grant is revoked/);
    const current = await tokenRequest(base, { grant_type: 'refresh_token', client_id: app.id, refresh_token: t2.refresh_token });
    assert.equal(current.status, 400, 'the newest token of the family is revoked too');
    const me = await fetch(`${base}/oidc/me`, { headers: { authorization: `Bearer ${t2.access_token}` } });
    assert.equal(me.status, 401, 'access tokens of a revoked grant are refused');
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('a flood of /oidc/auth from one address: the live cap and the per-minute limit hold exactly, under concurrency', async () => {
  const { provider, app, stats } = await providerWith({ rateLimits: { authorizePerIp: 0, liveInteractionsPerIp: 25 } });
  try {
    const url = authUrl(provider.base, app.id, randomBytes(32).toString('base64url'));
    const answers = await Promise.all(Array.from({ length: 60 }, () => fetch(url, { redirect: 'manual' })));
    const started = answers.filter((r) => r.status === 303);
    const refused = answers.filter((r) => r.status === 429);
    assert.equal(started.length, 25, 'exactly the cap of open sign-ins');
    assert.equal(refused.length, 35);
    assert.equal(stats().rows.interactions, 25);
    const retry = Number(refused[0].headers.get('retry-after'));
    assert.ok(retry >= 1 && retry <= 600, `Retry-After ${retry} is when the oldest expires`);
    assert.match(refused[0].headers.get('content-type'), /text\/html/);
    assert.match(await refused[0].text(), /Too many sign-ins are open from your network; finish one or wait until one expires\. Try again in \d+ seconds\./);
  } finally {
    await provider.stop();
    provider.cleanup();
  }

  const limited = await providerWith({ rateLimits: { authorizePerIp: 30 } });
  try {
    const url = authUrl(limited.provider.base, limited.app.id, randomBytes(32).toString('base64url'));
    const answers = await Promise.all(Array.from({ length: 50 }, () => fetch(url, { redirect: 'manual' })));
    assert.equal(answers.filter((r) => r.status === 303).length, 30);
    const refused = answers.filter((r) => r.status === 429);
    assert.equal(refused.length, 20);
    const retry = Number(refused[0].headers.get('retry-after'));
    assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry} within the minute`);
    assert.match(await refused[0].text(), /Too many sign-in requests came from your network\. Try again in \d+ seconds\./);
    assert.equal(limited.stats().rows.interactions, 30, 'refused requests store nothing');
  } finally {
    await limited.provider.stop();
    limited.provider.cleanup();
  }
});

test('the sign-in page, the experience API and the token endpoint have their own limits, in their callers\' shapes', async () => {
  const { provider, app } = await providerWith({ trustProxy: true, rateLimits: { signInPagePerIp: 3, experiencePerIp: 4, tokenPerIp: 5, tokenPerClient: 8 } });
  try {
    const base = provider.base;
    const from = (ip) => ({ 'x-forwarded-for': `203.0.113.9, ${ip}` });
    // The sign-in page: HTML.
    const pages = [];
    for (let i = 0; i < 4; i++) pages.push(await fetch(`${base}/sign-in?interaction=x`, { headers: from('198.51.100.1') }));
    assert.deepEqual(pages.map((r) => r.status).slice(0, 3).every((s) => s !== 429), true);
    assert.equal(pages[3].status, 429);
    assert.match(await pages[3].text(), /The sign-in page was opened too often from your network/);
    // Another address (the last X-Forwarded-For entry, behind a trusted proxy) has its own count.
    assert.notEqual((await fetch(`${base}/sign-in?interaction=x`, { headers: from('198.51.100.2') })).status, 429);

    // The experience API: {code, message}.
    const api = [];
    for (let i = 0; i < 5; i++) api.push(await fetch(`${base}/api/experience/abc`, { headers: from('198.51.100.3') }));
    assert.equal(api[3].status, 403, 'within the limit: the usual answer');
    assert.equal(api[4].status, 429);
    const body = await api[4].json();
    assert.equal(body.code, 'request.too_many_requests');
    assert.match(body.message, /Try again in \d+ seconds/);
    assert.equal(String(body.retryAfter), api[4].headers.get('retry-after'));

    // The token endpoint per address: RFC 6749 JSON.
    const bad = { grant_type: 'authorization_code', client_id: app.id, code: 'nope', redirect_uri: redirect, code_verifier: 'x'.repeat(43) };
    const tokens = [];
    for (let i = 0; i < 6; i++) tokens.push(await tokenRequest(base, bad, from('198.51.100.4')));
    assert.deepEqual(tokens.map((r) => r.status), [400, 400, 400, 400, 400, 429]);
    const limitBody = await tokens[5].json();
    assert.equal(limitBody.error, 'too_many_requests');
    assert.match(limitBody.error_description, /Too many token requests came from this address/);
    assert.ok(Number(tokens[5].headers.get('retry-after')) >= 1);

    // Per application, from many addresses: 8 (5 above were this application's).
    const perClient = [];
    for (let i = 0; i < 4; i++) perClient.push(await tokenRequest(base, bad, from(`198.51.100.${10 + i}`)));
    assert.deepEqual(perClient.map((r) => r.status), [400, 400, 400, 429]);
    assert.match((await perClient[3].json()).error_description, /Too many token requests came for this application/);
    // An unknown client_id is refused as before and does not count against anyone.
    const unknown = await tokenRequest(base, { ...bad, client_id: 'made-up' }, from('198.51.100.30'));
    assert.equal(unknown.status, 401);
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('without trustProxy, X-Forwarded-For is ignored: a client cannot pick a fresh address per request', async () => {
  const { provider, app } = await providerWith({ rateLimits: { authorizePerIp: 5 } });
  try {
    const url = authUrl(provider.base, app.id, randomBytes(32).toString('base64url'));
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await fetch(url, { redirect: 'manual', headers: { 'x-forwarded-for': `192.0.2.${i}` } })).status);
    assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429, 429]);
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('an IPv6 address counts by its /64, and an IPv4-mapped address as its IPv4 address', async () => {
  const { provider, app } = await providerWith({ trustProxy: true, rateLimits: { authorizePerIp: 2 } });
  try {
    const url = authUrl(provider.base, app.id, randomBytes(32).toString('base64url'));
    const from = async (ip) => (await fetch(url, { redirect: 'manual', headers: { 'x-forwarded-for': ip } })).status;
    assert.deepEqual([await from('2001:db8:1:2::1'), await from('2001:db8:1:2:ffff::9'), await from('2001:db8:1:2::abcd')], [303, 303, 429]);
    assert.equal(await from('2001:db8:1:3::1'), 303, 'another /64');
    assert.deepEqual([await from('192.0.2.7'), await from('::ffff:192.0.2.7'), await from('192.0.2.7')], [303, 303, 429]);
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('a normal site stays well inside the default limits: 25 people behind one address sign in, reload, exchange', async () => {
  const { provider, app, dataDir } = await providerWith({});
  try {
    const base = provider.base;
    for (let i = 0; i < 25; i++) cli(dataDir, 'user', 'create', '--username', `person_${i}`, '--password', 'correct horse');
    const people = await Promise.all(
      Array.from({ length: 25 }, async (_, i) => {
        const signedIn = await signInForCode(base, app.id, undefined, `person_${i}`);
        const tokens = await exchange(base, app.id, signedIn);
        // A reload of the page: the SSO session answers again.
        const reload = await fetch(authUrl(base, app.id, randomBytes(32).toString('base64url')), { redirect: 'manual', headers: { cookie: signedIn.jar.header() } });
        return [tokens.status, reload.status];
      }),
    );
    assert.deepEqual(people, Array.from({ length: 25 }, () => [200, 303]));
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('bad retention and limit settings are refused with a line that says what to fix', () => {
  const run = configRefusal;
  assert.match(run({ rateLimits: { authorizePerMinute: 5 } }), /rateLimits\.authorizePerMinute is not a setting \(authorizePerIp, /);
  assert.match(run({ rateLimits: { tokenPerIp: -1 } }), /rateLimits\.tokenPerIp must be a whole number from 0 \(off\) to 1000000000/);
  assert.match(run({ rateLimits: [] }), /rateLimits must be an object/);
  assert.match(run({ accessTokenTtl: 600, refreshTokenTtl: 60 }), /refreshTokenTtl \(60\) must be at least accessTokenTtl \(600\)/);
  assert.match(run({ sweepInterval: 0 }), /sweepInterval must be 1 to 3600 seconds/);
  assert.match(run({ trustProxy: 'yes' }), /trustProxy must be true or false/);
  assert.match(run({ trustedProxies: '10.0.0.1' }), /trustedProxies must be a list of addresses or CIDR blocks/);
  assert.match(run({ trustedProxies: ['10.0.0.0/8', '10.0.0.0/33'] }), /trustedProxies: "10\.0\.0\.0\/33" is not an IP address or CIDR block/);
  assert.match(run({ trustedProxies: [7] }), /trustedProxies: 7 is not an IP address or CIDR block/);
  assert.match(run({ forwardedHeader: 'x-real-ip' }), /forwardedHeader must be "x-forwarded-for" or "forwarded"/);
  assert.match(run({ databaseUrl: 'mysql://db/logto' }), /databaseUrl \(LOGTO_DATABASE_URL\) must be a postgres:\/\/ or postgresql:\/\/ URL/);
  assert.match(run({ interactionTtl: 1e12 }), /interactionTtl must be 1 to 86400 seconds/);
});

test('soak smoke (npm run bench runs a simulated hour): rows stay bounded, people are served, the bot is limited', async () => {
  const { measureSoak } = await import('../../bench/soak.mjs');
  const r = await measureSoak({ seconds: 12, sampleEvery: 4 });
  const k = r.counts;
  assert.equal(k.signInFailures + k.refreshFailures + k.abandonedFailures, 0, JSON.stringify({ k, failures: r.failures }));
  assert.ok(k.signIns >= 30 && k.refreshes >= 30, JSON.stringify(k));
  assert.ok(k.botAccepted <= 300, `the bot got at most a minute's allowance: ${k.botAccepted}`);
  assert.ok(k.botLimited > k.botAccepted, JSON.stringify(k));
  // Open interactions: the bot's minute plus 8 abandoned a second for a 10 s lifetime, with slack.
  for (const sample of r.samples) assert.ok(sample.rows.interactions <= 300 + 8 * 10 * 2, JSON.stringify(sample));
  const last = r.samples.at(-1);
  assert.ok(last.rows.authorization_codes <= 4 * 3 * 2, `used codes are swept after their 2 s: ${JSON.stringify(last.rows)}`);
});
