// The JSON config file (port, public URL, data dir, admin token, code lifetime), the start-up
// log, bad configs refused with a message, an expired code, and the login hints the sign-in
// page receives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { browserSignIn, cli, CookieJar, makeDataDir, PROVIDER_BIN, startProvider, usingPostgres } from '../support/provider-process.mjs';

test('config file: data dir, public URL, admin token and code lifetime; the log says where each came from', async () => {
  const dir = makeDataDir();
  const file = join(dir, 'provider.json');
  writeFileSync(file, JSON.stringify({ dataDir: join(dir, 'data'), publicUrl: 'http://auth.example.test/', adminToken: 'from-the-file', authorizationCodeTtl: 1 }));
  const provider = await startProvider({ dataDir: join(dir, 'data'), extraArgs: ['--config', file] });
  try {
    assert.match(provider.log(), /issuer http:\/\/auth\.example\.test\/oidc/);
    assert.match(provider.log(), /admin token from config file .*provider\.json/);
    assert.match(provider.log(), usingPostgres ? /\[provider\] data PostgreSQL \(databaseUrl\)/ : /data .*\/data\/provider\.db/);
    const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(provider.log())[1];
    const local = `http://127.0.0.1:${port}`;
    const discovery = await (await fetch(`${local}/oidc/.well-known/openid-configuration`)).json();
    assert.equal(discovery.issuer, 'http://auth.example.test/oidc');
    assert.equal(discovery.token_endpoint, 'http://auth.example.test/oidc/token');
    const apps = await fetch(`${local}/api/applications`, { headers: { authorization: 'Bearer from-the-file' } });
    assert.equal(apps.status, 200);

    // An expired authorization code (lifetime 1 s here).
    const app = cli(join(dir, 'data'), 'app', 'create', '--name', 'A', '--redirect-uri', 'http://a.test/cb');
    cli(join(dir, 'data'), 'user', 'create', '--username', 'ada', '--password', 'correct horse');
    const verifier = randomBytes(32).toString('base64url');
    const auth = new URL(`${local}/oidc/auth`);
    for (const [k, v] of Object.entries({ client_id: app.id, redirect_uri: 'http://a.test/cb', response_type: 'code', scope: 'openid', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', login_hint: '+819012345678', first_screen: 'identifier:sign_in', identifier: 'phone' })) auth.searchParams.set(k, v);
    const jar = new CookieJar();
    const first = await fetch(auth, { redirect: 'manual' });
    jar.store(first);
    const signInUrl = new URL(first.headers.get('location'), local);
    const id = signInUrl.searchParams.get('interaction');
    const info = await (await fetch(`${local}/api/experience/${id}`, { headers: { cookie: jar.header() } })).json();
    assert.equal(info.loginHint, '+819012345678');
    assert.equal(info.firstScreen, 'identifier:sign_in');
    assert.equal(info.identifiers, 'phone');
    assert.match(await (await fetch(signInUrl)).text(), /value="\+819012345678"/);

    const { callback } = await browserSignIn(auth.href, { identifier: 'ada', password: 'correct horse' });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const r = await fetch(`${local}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: app.id, code: new URL(callback).searchParams.get('code'), redirect_uri: 'http://a.test/cb', code_verifier: verifier }),
    });
    assert.deepEqual(await r.json(), { error: 'invalid_grant', error_description: 'The authorization code has expired.' });
  } finally {
    await provider.stop();
    provider.cleanup();
  }
});

test('bad configuration and a busy port each get one clear line', async () => {
  const dir = makeDataDir();
  const run = (args) => {
    try {
      execFileSync(PROVIDER_BIN, args, { encoding: 'utf8', stdio: 'pipe' });
      return { status: 0 };
    } catch (e) {
      return { status: e.status, stderr: e.stderr };
    }
  };
  writeFileSync(join(dir, 'bad.json'), '{"port": "x"}');
  let r = run(['--config', join(dir, 'bad.json'), 'serve']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /bad\.json: port must be a number/);
  writeFileSync(join(dir, 'ttl.json'), '{"authorizationCodeTtl": 9999}');
  r = run(['--config', join(dir, 'ttl.json'), '--data-dir', dir, 'serve']);
  assert.match(r.stderr, /authorizationCodeTtl must be 1 to 600 seconds/);
  r = run(['--config', join(dir, 'missing.json'), 'serve']);
  assert.match(r.stderr, /cannot read config file .*missing\.json/);
  r = run(['--port', '99999', 'serve']);
  assert.match(r.stderr, /--port: "99999" is not a port number/);
  writeFileSync(join(dir, 'provider.db'), 'this is not a database');
  r = run(['--data-dir', dir, 'app', 'list']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /if the file is corrupt, move it away/);

  const running = await startProvider();
  try {
    const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(running.log())[1];
    r = run(['--data-dir', makeDataDir(), '--port', port, 'serve']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use`));
  } finally {
    await running.stop();
    running.cleanup();
  }
});

test('password-cost times Argon2id checks on every core (the bound npm run bench compares with); a bad count is refused', () => {
  const dir = makeDataDir();
  const cost = cli(dir, 'password-cost', '--count', '4');
  assert.equal(cost.count, 4);
  assert.ok(cost.threads >= 1);
  // Four checks of 19 MiB and t = 2 cannot take under a few milliseconds each on any core.
  assert.ok(cost.seconds > 0.005 && cost.seconds < 60, JSON.stringify(cost));
  for (const count of ['0', 'many']) {
    let refused;
    try {
      execFileSync(PROVIDER_BIN, ['--data-dir', dir, 'password-cost', '--count', count], { stdio: 'pipe' });
    } catch (e) {
      refused = e;
    }
    assert.equal(refused?.status, 2);
    assert.match(String(refused.stderr), /--count must be a positive number/);
  }
});
