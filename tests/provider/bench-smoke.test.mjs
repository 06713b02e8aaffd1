// A short smoke of `npm run bench`'s provider measures: logto-loadgen counts what the server
// answered (2xx as ok, everything else as failed, by status), and the code-exchange benchmark
// runs end to end against us and oidc-provider with a handful of codes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { loadGet, loadPost, loadSignIns } from '../../bench/load.mjs';
import { measureTokenExchange } from '../../bench/token-load.mjs';
import { measureStores } from '../../bench/store-load.mjs';
import { cli, NO_RATE_LIMITS, signInForTokens, startProvider, usingPostgres } from '../support/provider-process.mjs';

let provider, app;
before(async () => {
  provider = await startProvider({ settings: NO_RATE_LIMITS });
  app = cli(provider.dataDir, 'app', 'create', '--name', 'Site', '--redirect-uri', 'http://app.test/callback');
  cli(provider.dataDir, 'user', 'create', '--username', 'ada', '--password', 'correct horse');
});
after(async () => {
  await provider.stop();
  provider.cleanup();
});

test('logto-loadgen: GET for a duration, keep-alive, every answer counted', async () => {
  const r = await loadGet(provider.base, '/oidc/jwks', { seconds: 0.5, connections: 4 });
  assert.ok(r.ok > 20, JSON.stringify(r));
  assert.equal(r.failed, 0);
  assert.deepEqual(Object.keys(r.statuses), ['200']);
  assert.ok(r.p50 > 0 && r.p99 >= r.p50 && r.max >= r.p99, JSON.stringify(r));
  assert.ok(r.seconds >= 0.5 && r.seconds < 5);
});

test('logto-loadgen: each body POSTed once; refusals counted as failed by their status', async () => {
  const tokens = await signInForTokens(provider, app.id);
  const bodies = [
    { grant_type: 'refresh_token', client_id: app.id, refresh_token: tokens.refresh_token },
    ...Array.from({ length: 9 }, (_, i) => ({ grant_type: 'authorization_code', client_id: app.id, code: `made-up-${i}`, redirect_uri: 'http://app.test/callback', code_verifier: 'x'.repeat(43) })),
  ];
  const r = await loadPost(provider.base, '/oidc/token', bodies, { connections: 3 });
  assert.deepEqual(r.statuses, { 200: 1, 400: 9 });
  assert.equal(r.ok, 1);
  assert.equal(r.failed, 9);
});

test('the code-exchange benchmark runs against both providers', async () => {
  const t = await measureTokenExchange({ codes: 20, rounds: 1, warmup: 5 });
  for (const side of [t.ours, t.peer]) {
    assert.equal(side.ok, 20, JSON.stringify(t));
    assert.equal(side.failed, 0);
    assert.ok(side.rps.median > 0 && side.cpuMs.median >= 0);
  }
});

test('logto-loadgen: scripted password sign-ins, each through the page, the experience API and the exchange', async () => {
  const { createHash } = await import('node:crypto');
  const verifier = 'v'.repeat(43);
  const auth = (client) =>
    `/oidc/auth?${new URLSearchParams({ client_id: client, redirect_uri: 'http://app.test/callback', response_type: 'code', scope: 'openid', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' })}`;
  const people = { people: 6, connections: 3, identifier: 'ada', clientId: app.id, redirectUri: 'http://app.test/callback', verifier };
  const signedIn = await loadSignIns(provider.base, auth(app.id), { ...people, password: 'correct horse' });
  assert.deepEqual(signedIn.statuses, { 200: 6 });
  assert.equal(signedIn.ok, 6);
  const kept = await loadSignIns(provider.base, auth(app.id), { ...people, password: 'correct horse', keepOpen: true });
  assert.equal(kept.ok, 6);
  // A wrong password fails at its step, named with its status.
  const wrong = await loadSignIns(provider.base, auth(app.id), { ...people, people: 2, password: 'wrong horse' });
  assert.equal(wrong.ok, 0);
  assert.equal(wrong.failed, 2);
  assert.match(Object.keys(wrong.statuses).join(), /^password 4\d\d$/);
});

test('the store benchmark: SQLite, PostgreSQL and two instances behind nginx, each exchanging and signing in', { skip: usingPostgres ? 'starts its own PostgreSQL server' : false }, async () => {
  const r = await measureStores({ codes: 40, people: 10, warmup: 10 });
  assert.deepEqual(r.rows.map((x) => x.label), ['SQLite, one instance', 'PostgreSQL, one instance', 'PostgreSQL, two instances behind nginx']);
  for (const row of r.rows) {
    assert.equal(row.exchange.ok, 40, JSON.stringify(row));
    assert.equal(row.exchange.failed, 0);
    assert.ok(row.exchange.rps > 0);
    assert.equal(row.signIns.completed, 10, JSON.stringify(row));
    assert.equal(row.signIns.failed, 0);
  }
});
