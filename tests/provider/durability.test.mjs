// State survives `kill -9`; resource access tokens carry aud = resource; the experience API
// refuses calls this browser did not start and non-JSON posts (CSRF).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import { browserSignIn, cli, CookieJar, makeDataDir, signInForTokens, startProvider } from '../support/provider-process.mjs';

const redirect = 'http://app.test/callback';

const payload = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url'));

test('kill -9, restart: users, grants and refresh rotation survive', async () => {
  const dataDir = makeDataDir();
  let provider = await startProvider({ dataDir });
  const app = cli(dataDir, 'app', 'create', '--name', 'A', '--redirect-uri', redirect);
  cli(dataDir, 'user', 'create', '--username', 'ada', '--password', 'correct horse');
  const tokens = await signInForTokens(provider, app.id);
  const kidBefore = JSON.parse(Buffer.from(tokens.id_token.split('.')[0], 'base64url')).kid;
  await provider.kill9();
  provider = await startProvider({ dataDir });
  try {
    const r = await fetch(`${provider.base}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: app.id, refresh_token: tokens.refresh_token }),
    });
    assert.equal(r.status, 200);
    const refreshed = await r.json();
    assert.equal(JSON.parse(Buffer.from(refreshed.id_token.split('.')[0], 'base64url')).kid, kidBefore, 'the same signing key');
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('kill -9 in the middle of load: every refresh token a client received still works after the restart', async () => {
  const dataDir = makeDataDir();
  // Eight clients refreshing flat out from one address pass the token endpoint's per-address
  // limit on a fast machine; this test is about durability, so the limits are off.
  const settings = { rateLimits: { tokenPerIp: 0, tokenPerClient: 0 } };
  let provider = await startProvider({ dataDir, settings });
  const app = cli(dataDir, 'app', 'create', '--name', 'A', '--redirect-uri', redirect);
  cli(dataDir, 'user', 'create', '--username', 'ada', '--password', 'correct horse');
  const families = [];
  for (let i = 0; i < 8; i++) families.push((await signInForTokens(provider, app.id)).refresh_token);
  const refresh = (base, token) =>
    fetch(`${base}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'refresh_token', client_id: app.id, refresh_token: token }) });
  // Eight clients rotate their refresh tokens as fast as they can; the provider dies under them.
  let killed = false;
  const received = families.map(() => 0);
  const chains = families.map(async (_, i) => {
    while (!killed) {
      try {
        const r = await refresh(provider.base, families[i]);
        if (r.status !== 200) throw new Error(`refresh ${r.status}: ${await r.text()}`);
        families[i] = (await r.json()).refresh_token; // only what the client received counts
        received[i] += 1;
      } catch (e) {
        if (!killed) throw e;
      }
    }
  });
  await new Promise((r) => setTimeout(r, 1500));
  killed = true;
  await provider.kill9();
  await Promise.all(chains);
  assert.ok(received.every((n) => n > 0), `every client rotated before the kill: ${received}`);
  provider = await startProvider({ dataDir, settings });
  try {
    // A rotation the provider committed but could not answer leaves the client one token behind:
    // the 5 s reuse leeway covers it, so every client goes on.
    for (const token of families) {
      const r = await refresh(provider.base, token);
      assert.equal(r.status, 200, await r.text());
    }
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('key rotate: the new key signs, the old one stays in the JWKS until retired', async () => {
  const provider = await startProvider();
  try {
    const [first] = cli(provider.dataDir, 'key', 'list');
    const { kid } = cli(provider.dataDir, 'key', 'rotate');
    const jwks = await (await fetch(`${provider.base}/oidc/jwks`)).json();
    assert.deepEqual(jwks.keys.map((k) => k.kid).sort(), [first.kid, kid].sort());
    assert.ok(jwks.keys.every((k) => k.alg === 'ES384' && k.crv === 'P-384' && !('d' in k)));
    cli(provider.dataDir, 'key', 'retire', first.kid);
    const after = await (await fetch(`${provider.base}/oidc/jwks`)).json();
    assert.deepEqual(after.keys.map((k) => k.kid), [kid]);
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('key changes under JWKS load: at once from the management API, within the 10 ms check from another process', async () => {
  const provider = await startProvider({ settings: { adminToken: 'admin-secret' } });
  let polling = true;
  const kids = async () => (await (await fetch(`${provider.base}/oidc/jwks`)).json()).keys.map((k) => k.kid).sort();
  // Requests all the time, so the provider's key set is always freshly checked.
  const poller = (async () => {
    while (polling) await kids();
  })();
  try {
    const [first] = cli(provider.dataDir, 'key', 'list');
    const rotated = await fetch(`${provider.base}/api/keys/rotate`, { method: 'POST', headers: { authorization: 'Bearer admin-secret' } });
    assert.equal(rotated.status, 201);
    const { kid } = await rotated.json();
    assert.deepEqual(await kids(), [first.kid, kid].sort(), 'this process rotated: seen by the very next request');
    cli(provider.dataDir, 'key', 'retire', first.kid);
    await sleep(20);
    assert.deepEqual(await kids(), [kid], 'another process retired it: seen after the 10 ms check');
  } finally {
    polling = false;
    await poller;
    await provider.stop();
    provider.cleanup();
  }
});

test('resource tokens: aud is the resource; unregistered resources are refused', async () => {
  const provider = await startProvider();
  try {
    const app = cli(provider.dataDir, 'app', 'create', '--name', 'A', '--redirect-uri', redirect);
    cli(provider.dataDir, 'user', 'create', '--username', 'ada', '--password', 'correct horse');
    cli(provider.dataDir, 'resource', 'create', '--indicator', 'https://api.bookstore.test', '--name', 'Books');
    const tokens = await signInForTokens(provider, app.id, { resource: 'https://api.bookstore.test' });
    const claims = payload(tokens.access_token);
    assert.equal(claims.aud, 'https://api.bookstore.test');
    assert.equal(claims.sub, payload(tokens.id_token).sub);
    assert.equal(claims.client_id, app.id);
    const r = await fetch(`${provider.base}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', client_id: app.id, refresh_token: tokens.refresh_token, resource: 'https://elsewhere.test' }),
    });
    assert.deepEqual([r.status, (await r.json()).error], [400, 'invalid_target']);
    const me = await fetch(`${provider.base}/oidc/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(me.status, 401, 'a resource token is not a userinfo token');
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('experience API: calls without this browser’s interaction cookie, or not JSON, are refused', async () => {
  const provider = await startProvider();
  try {
    const app = cli(provider.dataDir, 'app', 'create', '--name', 'A', '--redirect-uri', redirect);
    const url = `${provider.base}/oidc/auth?client_id=${app.id}&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=openid&code_challenge=${'a'.repeat(43)}&code_challenge_method=S256`;
    const jar = new CookieJar();
    const auth = await fetch(url, { redirect: 'manual' });
    jar.store(auth);
    const id = new URL(auth.headers.get('location'), provider.base).searchParams.get('interaction');
    const post = (headers, body) => fetch(`${provider.base}/api/experience/${id}/password`, { method: 'POST', headers, body });
    const noCookie = await post({ 'content-type': 'application/json' }, '{"identifier":"a","password":"b"}');
    assert.deepEqual([noCookie.status, (await noCookie.json()).code], [403, 'session.interaction_not_bound']);
    const form = await post({ 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() }, 'identifier=a&password=b');
    assert.deepEqual([form.status, (await form.json()).code], [415, 'request.json_required']);
    const info = await fetch(`${provider.base}/api/experience/${id}`, { headers: { cookie: jar.header() } });
    assert.equal((await info.json()).application.name, 'A');
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('SIGTERM as soon as the provider has printed its address stops it, every time', async () => {
  // httplib's stop() does nothing before its listen loop runs; a signal in that window used to
  // leave the provider running for good (cli.cpp, StopOnSignal).
  const dataDir = makeDataDir();
  try {
    for (let i = 0; i < 10; i++) {
      const provider = await startProvider({ dataDir });
      const stopped = await Promise.race([provider.stop().then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
      if (!stopped) await provider.kill9();
      assert.equal(stopped, true, `start ${i + 1} ignored SIGTERM`);
      assert.match(provider.log(), /\[provider\] stopped/);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
