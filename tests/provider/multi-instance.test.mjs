// Several provider instances on one PostgreSQL database behind a real load balancer (nginx,
// round robin; docs/provider.md, "Several instances"): a journey crosses instances, codes,
// refresh tokens, limits, lockouts and keys are shared, an instance killed mid-flow loses
// nothing, and a database that goes away and comes back is a clear 503 meanwhile and no restart
// after. The suite starts its own PostgreSQL server (it stops and restarts it), so it does not
// take part in the LOGTO_TEST_POSTGRES pass.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { request } from 'node:http';

import { freePort, startLoadBalancer } from '../support/load-balancer.mjs';
import { startPostgres } from '../support/postgres-server.mjs';
import { CookieJar, browserSignIn, cliAsync, makeDataDir, startInteraction, startProvider, usingPostgres } from '../support/provider-process.mjs';

const redirect = 'http://app.test/callback';
const skip = usingPostgres ? 'runs its own PostgreSQL server' : false;
let pg;

before(() => {
  if (!skip) pg = startPostgres();
});
after(() => pg?.stop());

// Two instances on a new database behind nginx; both issue tokens as the balancer's URL.
async function cluster(settings = {}, { instances = 2, dev = false, https = false } = {}) {
  const url = pg.createDatabase();
  const env = { LOGTO_DATABASE_URL: url };
  const port = await freePort();
  // As a TLS proxy in front would give it (the balancer here speaks plain HTTP).
  const publicUrl = https ? 'https://auth.example.test' : `http://localhost:${port}`;
  const admin = async (...args) => {
    const r = await cliAsync(makeDataDir(), args, env);
    assert.equal(r.status, 0, r.stderr);
    return r.json;
  };
  // Started together: on a new database one migrates and the other waits for it.
  const providers = await Promise.all(
    Array.from({ length: instances }, () =>
      startProvider({
        env,
        settings: { trustedProxies: ['127.0.0.1'], ...settings },
        extraArgs: ['--public-url', publicUrl, ...(dev ? ['--dev'] : [])],
      }),
    ),
  );
  const lb = await startLoadBalancer(port, providers.map((p) => p.address));
  const app = await admin('app', 'create', '--name', 'Shop', '--redirect-uri', redirect);
  await admin('user', 'create', '--username', 'ada', '--password', 'correct horse', '--phone', '+819012345678');
  return {
    lb,
    base: lb.base,
    providers,
    app,
    admin,
    url,
    async stop() {
      await lb.stop();
      for (const p of providers) {
        await p.stop();
        p.cleanup();
      }
    },
  };
}

function authUrl(base, appId, verifier, scope = 'openid offline_access profile') {
  const url = new URL(`${base}/oidc/auth`);
  url.search = new URLSearchParams({
    client_id: appId,
    redirect_uri: redirect,
    response_type: 'code',
    scope,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  return url.href;
}

async function token(base, params) {
  const r = await fetch(`${base}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params) });
  return { status: r.status, upstream: r.headers.get('x-upstream'), body: await r.json() };
}

// Ada signs in through the balancer; the code is exchanged at `tokenBase` (the balancer, or one
// instance's own address).
async function signInAndExchange(c, { scope, tokenBase = c.base } = {}) {
  const verifier = randomBytes(32).toString('base64url');
  const { callback } = await browserSignIn(authUrl(c.base, c.app.id, verifier, scope), { identifier: 'ada', password: 'correct horse' });
  return token(tokenBase, { grant_type: 'authorization_code', client_id: c.app.id, code: new URL(callback).searchParams.get('code'), redirect_uri: redirect, code_verifier: verifier });
}

// Which instances answered `n` GETs of `path` through the balancer.
async function upstreams(base, path, n = 4) {
  const seen = new Set();
  for (let i = 0; i < n; i++) seen.add((await fetch(`${base}${path}`)).headers.get('x-upstream'));
  return seen;
}

// A GET through the balancer from another loopback address (the client nginx sees), with
// whatever X-Forwarded-For the client cares to send.
function getFrom(localAddress, url, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end();
  });
}

test('a journey crosses instances: sign in, exchange, refresh on either; a replayed code on the other revokes the grant', { skip }, async () => {
  const c = await cluster();
  try {
    assert.equal((await upstreams(c.base, '/oidc/.well-known/openid-configuration')).size, 2, 'round robin reaches both');
    const verifier = randomBytes(32).toString('base64url');
    const { callback, signedIn } = await browserSignIn(authUrl(c.base, c.app.id, verifier), { identifier: 'ada', password: 'correct horse' });
    assert.ok(signedIn);
    const code = new URL(callback).searchParams.get('code');
    const exchange = { grant_type: 'authorization_code', client_id: c.app.id, code, redirect_uri: redirect, code_verifier: verifier };
    const first = await token(c.base, exchange);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    // Refresh twice: the balancer sends the two to different instances.
    const r1 = await token(c.base, { grant_type: 'refresh_token', client_id: c.app.id, refresh_token: first.body.refresh_token });
    assert.equal(r1.status, 200, JSON.stringify(r1.body));
    const r2 = await token(c.base, { grant_type: 'refresh_token', client_id: c.app.id, refresh_token: r1.body.refresh_token });
    assert.equal(r2.status, 200, JSON.stringify(r2.body));
    assert.notEqual(r1.upstream, r2.upstream, 'the two refreshes were answered by different instances');
    // The code again, on the instance that did not take it the first time.
    let replay = await token(c.base, exchange);
    if (replay.upstream === first.upstream) replay = await token(c.base, exchange);
    assert.notEqual(replay.upstream, first.upstream);
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error, 'invalid_grant');
    // ... and the grant is revoked everywhere: the newest refresh token is refused on both.
    for (let i = 0; i < 2; i++) {
      const after = await token(c.base, { grant_type: 'refresh_token', client_id: c.app.id, refresh_token: r2.body.refresh_token });
      assert.equal(after.status, 400);
      assert.equal(after.body.error, 'invalid_grant');
    }
    // Every token named the balancer's URL as its issuer.
    const claims = JSON.parse(Buffer.from(first.body.id_token.split('.')[1], 'base64url'));
    assert.equal(claims.iss, `${c.base}/oidc`);
  } finally {
    await c.stop();
  }
});

test('limits and lockouts are the database\'s: an SMS resend and a lockout hold across instances', { skip }, async () => {
  const c = await cluster({ lockout: { failuresPerAccount: 3, failuresPerIp: 0 } }, { dev: true });
  try {
    const phone = await startInteraction(c.base, c.app.id, redirect);
    const sent = await phone.call('/verification-code', { phone: '+819012345678' });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    // The next call goes to the other instance, which knows of the send.
    const again = await phone.call('/verification-code', { phone: '+819012345678' });
    assert.equal(again.status, 429);
    assert.equal(again.body.code, 'verification_code.too_many_requests');

    const password = async (secret) => (await startInteraction(c.base, c.app.id, redirect)).call('/password', { identifier: 'ada', password: secret });
    const tries = [];
    for (let i = 0; i < 4; i++) tries.push((await password('wrong password')).status);
    assert.deepEqual(tries, [422, 422, 422, 429], 'three failures over both instances lock the account');
    for (let i = 0; i < 2; i++) assert.equal((await password('correct horse')).status, 429, 'locked on every instance');
  } finally {
    await c.stop();
  }
});

test('a key rotated on one instance signs and is published on every instance', { skip }, async () => {
  const c = await cluster();
  try {
    const before = (await (await fetch(`${c.base}/oidc/jwks`)).json()).keys.map((k) => k.kid);
    const rotated = await c.admin('key', 'rotate');
    const kid = rotated.kid ?? rotated.key?.kid;
    assert.ok(kid && !before.includes(kid), JSON.stringify(rotated));
    await new Promise((r) => setTimeout(r, 50)); // each instance re-reads the key table every 10 ms at most
    for (const p of c.providers) {
      const keys = (await (await fetch(`http://${p.address}/oidc/jwks`)).json()).keys.map((k) => k.kid);
      assert.equal(keys[0], kid, `instance ${p.address} publishes the new key first`);
    }
    // ID tokens from both instances (each asked directly for its exchange) are signed with it.
    const kids = [];
    for (const p of c.providers) {
      const t = await signInAndExchange(c, { scope: 'openid', tokenBase: `http://${p.address}` });
      assert.equal(t.status, 200);
      kids.push(JSON.parse(Buffer.from(t.body.id_token.split('.')[0], 'base64url')).kid);
    }
    assert.deepEqual(kids, [kid, kid]);
  } finally {
    await c.stop();
  }
});

test('an instance killed with kill -9 mid-flow: the journey finishes on the other', { skip }, async () => {
  const c = await cluster();
  try {
    const verifier = randomBytes(32).toString('base64url');
    const jar = new CookieJar();
    // The sign-in starts (its interaction is stored) ...
    const auth = await fetch(authUrl(c.base, c.app.id, verifier), { redirect: 'manual' });
    jar.store(auth);
    const location = new URL(auth.headers.get('location'), c.base);
    const dead = auth.headers.get('x-upstream');
    // ... then the instance that started it dies.
    await c.providers.find((p) => p.address === dead).kill9();
    const page = await fetch(location, { headers: { cookie: jar.header() } });
    assert.equal(page.status, 200);
    assert.notEqual(page.headers.get('x-upstream'), dead);
    const csrf = /data-csrf="([^"]+)"/.exec(await page.text())[1];
    const answer = await fetch(`${c.base}/api/experience/${location.searchParams.get('interaction')}/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: jar.header(), 'x-csrf-token': csrf },
      body: JSON.stringify({ identifier: 'ada', password: 'correct horse' }),
    });
    assert.equal(answer.status, 200);
    const code = new URL((await answer.json()).redirectTo).searchParams.get('code');
    const t = await token(c.base, { grant_type: 'authorization_code', client_id: c.app.id, code, redirect_uri: redirect, code_verifier: verifier });
    assert.equal(t.status, 200, JSON.stringify(t.body));
    assert.notEqual(t.upstream, dead);
  } finally {
    await c.stop();
  }
});

test('behind the balancer each client keeps its own address: a forged X-Forwarded-For neither escapes the limit nor spends another\'s', { skip }, async () => {
  const c = await cluster({ rateLimits: { authorizePerIp: 3 } });
  try {
    const url = authUrl(c.base, c.app.id, randomBytes(32).toString('base64url'));
    // The per-minute counts are each instance's own: two instances let through at most 2 × 3.
    const statuses = [];
    for (let i = 0; i < 10; i++) statuses.push(await getFrom('127.0.0.2', url, { 'x-forwarded-for': `198.51.100.${i}` }));
    assert.ok(statuses.filter((s) => s === 303 || s === 302).length <= 6, statuses.join(' '));
    assert.equal(statuses.at(-1), 429, statuses.join(' '));
    // Another person behind the same balancer is not limited by the first one's requests.
    assert.notEqual(await getFrom('127.0.0.3', url), 429);
  } finally {
    await c.stop();
  }
});

test('the database goes away and comes back: 503 with Retry-After meanwhile, service resumes without a restart', { skip }, async () => {
  const c = await cluster();
  try {
    const first = await signInAndExchange(c);
    assert.equal(first.status, 200);
    pg.stopServer();
    try {
      for (let i = 0; i < 2; i++) {
        const down = await token(c.base, { grant_type: 'refresh_token', client_id: c.app.id, refresh_token: first.body.refresh_token });
        assert.equal(down.status, 503, JSON.stringify(down.body));
        assert.equal(down.body.error, 'temporarily_unavailable');
        const page = await fetch(authUrl(c.base, c.app.id, randomBytes(32).toString('base64url')), { redirect: 'manual' });
        assert.equal(page.status, 503);
        assert.equal(page.headers.get('retry-after'), '1');
      }
    } finally {
      pg.startServer();
    }
    // Nothing committed was lost, and both instances serve again: the refresh token still works.
    const refreshed = await token(c.base, { grant_type: 'refresh_token', client_id: c.app.id, refresh_token: first.body.refresh_token });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    assert.equal((await upstreams(c.base, '/oidc/jwks')).size, 2);
    const again = await token(c.base, { grant_type: 'refresh_token', client_id: c.app.id, refresh_token: refreshed.body.refresh_token });
    assert.equal(again.status, 200);
  } finally {
    await c.stop();
  }
});

test('a provider whose databaseUrl cannot be reached does not start, and says why', { skip }, async () => {
  const r = await cliAsync(makeDataDir(), ['app', 'list'], { LOGTO_DATABASE_URL: `postgresql:///nosuchdb?host=${encodeURIComponent(pg.socketDir)}&user=logto` });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cannot connect to PostgreSQL \(databaseUrl\): .*database "nosuchdb" does not exist/);
});

test('migrate: instances starting together on a new database migrate it once; the command reports the version and changes nothing more', { skip }, async () => {
  const c = await cluster({}, { instances: 3 });
  try {
    const versions = execFileSync('psql', [c.url, '-Atc', 'SELECT version FROM schema_version'], { encoding: 'utf8' }).trim().split('\n');
    assert.equal(versions.length, 1, 'one version row');
    const migrated = await c.admin('migrate');
    assert.deepEqual(migrated, { schemaVersion: Number(versions[0]), database: 'postgresql' });
    assert.deepEqual(await c.admin('migrate'), migrated);
    const count = (sql) => execFileSync('psql', [c.url, '-Atc', sql], { encoding: 'utf8' }).trim();
    assert.equal(count("SELECT count(*) FROM applications WHERE name = 'Shop'"), '1', 'data kept');
    // What a new database needs was made once, not once per instance.
    assert.equal(count("SELECT count(*) FROM applications WHERE name = 'Logto Console'"), '1');
    assert.equal(count('SELECT count(*) FROM signing_keys'), '1');
    assert.equal(count("SELECT count(*) FROM roles WHERE name = 'console-admin'"), '1');
  } finally {
    await c.stop();
  }
  // A new SQLite data directory too.
  const sqlite = await cliAsync(makeDataDir(), ['migrate'], { LOGTO_DATABASE_URL: '' });
  assert.equal(sqlite.status, 0, sqlite.stderr);
  assert.equal(sqlite.json.database, 'sqlite');
});

test('with an https publicUrl every cookie is Secure, through the balancer as well as straight to an instance', { skip }, async () => {
  const c = await cluster({}, { https: true });
  try {
    const url = authUrl(c.base, c.app.id, randomBytes(32).toString('base64url'));
    for (const target of [url, url.replace(c.base, `http://${c.providers[0].address}`)]) {
      const r = await fetch(target, { redirect: 'manual' });
      const cookies = r.headers.getSetCookie();
      assert.ok(cookies.length > 0);
      for (const cookie of cookies) assert.match(cookie, /; Secure/, cookie);
    }
  } finally {
    await c.stop();
  }
  const plain = await cluster({}, { instances: 1 });
  try {
    const r = await fetch(authUrl(plain.base, plain.app.id, 'x'.repeat(43)), { redirect: 'manual' });
    for (const cookie of r.headers.getSetCookie()) assert.doesNotMatch(cookie, /Secure/, cookie);
  } finally {
    await plain.stop();
  }
});
