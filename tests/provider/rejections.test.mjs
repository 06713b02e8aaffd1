// Every refusal of the provider, each with the answer a client sees: PKCE missing, plain or
// wrong; code replay (which revokes the grant); expired code; redirect_uri mismatches at
// /auth and /token; another client's code; refresh reuse after the leeway; open redirect at
// sign-out; CORS for an unregistered origin; bad JSON to /api; SQL metacharacters stored
// verbatim.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { browserSignIn, cli, CookieJar, startProvider } from '../support/provider-process.mjs';

let provider, app, other, adminToken;
const redirect = 'http://app.test/callback';

before(async () => {
  provider = await startProvider();
  app = cli(provider.dataDir, 'app', 'create', '--name', 'A', '--redirect-uri', redirect, '--post-logout-uri', 'http://app.test/');
  other = cli(provider.dataDir, 'app', 'create', '--name', 'B', '--redirect-uri', 'http://b.test/cb');
  cli(provider.dataDir, 'user', 'create', '--username', 'ada', '--password', 'correct horse');
  adminToken = readFileSync(`${provider.dataDir}/admin-token`, 'utf8').trim();
});

after(async () => {
  await provider?.stop();
  provider?.cleanup();
});

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

function authUrl(params) {
  const url = new URL(`${provider.base}/oidc/auth`);
  for (const [k, v] of Object.entries({ response_type: 'code', scope: 'openid offline_access', state: 's1', ...params })) {
    if (v !== undefined) url.searchParams.set(k, v);
  }
  return url.href;
}

async function codeFor(clientId = app.id, redirectUri = redirect, jar = new CookieJar()) {
  const { verifier, challenge } = pkce();
  const url = authUrl({ client_id: clientId, redirect_uri: redirectUri, code_challenge: challenge, code_challenge_method: 'S256' });
  const { callback } = await browserSignIn(url, { identifier: 'ada', password: 'correct horse', jar });
  return { code: new URL(callback).searchParams.get('code'), verifier, jar };
}

const token = (fields) =>
  fetch(`${provider.base}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  }).then(async (r) => ({ status: r.status, body: await r.json(), headers: r.headers }));

async function authError(params) {
  const r = await fetch(authUrl(params), { redirect: 'manual' });
  assert.equal(r.status, 303);
  const location = new URL(r.headers.get('location'));
  assert.equal(location.origin + location.pathname, redirect);
  assert.equal(location.searchParams.get('state'), 's1');
  return [location.searchParams.get('error'), location.searchParams.get('error_description')];
}

test('/auth: PKCE missing or plain, bad response_type, no openid, unknown resource', async () => {
  const base = { client_id: app.id, redirect_uri: redirect };
  const { challenge } = pkce();
  assert.deepEqual(await authError(base), ['invalid_request', 'PKCE is required: send code_challenge with S256.']);
  assert.deepEqual(await authError({ ...base, code_challenge: challenge, code_challenge_method: 'plain' }), [
    'invalid_request',
    'code_challenge_method must be S256 (plain is refused).',
  ]);
  assert.deepEqual(await authError({ ...base, code_challenge: challenge, code_challenge_method: 'S256', response_type: 'token' }), [
    'unsupported_response_type',
    'Only response_type=code is supported.',
  ]);
  assert.deepEqual(await authError({ ...base, code_challenge: challenge, code_challenge_method: 'S256', scope: 'profile' }), [
    'invalid_scope',
    'The scope must include openid.',
  ]);
  assert.deepEqual(
    await authError({ ...base, code_challenge: challenge, code_challenge_method: 'S256', resource: 'https://api.unknown' }),
    ['invalid_target', 'The resource "https://api.unknown" is not registered.'],
  );
});

test('/auth: an unknown client or unregistered redirect_uri gets a page, never a redirect', async () => {
  for (const params of [
    { client_id: 'nope', redirect_uri: redirect },
    { client_id: app.id, redirect_uri: 'http://evil.test/callback' },
    { client_id: app.id, redirect_uri: `${redirect}/../evil` },
  ]) {
    const r = await fetch(authUrl(params), { redirect: 'manual' });
    assert.equal(r.status, 400);
    assert.equal(r.headers.get('location'), null);
    const html = await r.text();
    assert.match(html, /cannot continue/);
    assert.ok(!html.includes('<script>'), 'reflected values are escaped');
  }
  const xss = await fetch(authUrl({ client_id: '<script>alert(1)</script>', redirect_uri: redirect }), { redirect: 'manual' });
  const body = await xss.text();
  assert.ok(body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(!body.includes('<script>alert(1)'));
});

test('/token: wrong verifier, mismatched redirect_uri, another client, replayed code', async () => {
  let { code, verifier } = await codeFor();
  let r = await token({ grant_type: 'authorization_code', client_id: app.id, code, redirect_uri: redirect, code_verifier: pkce().verifier });
  assert.deepEqual([r.status, r.body.error], [400, 'invalid_grant']);
  assert.match(r.body.error_description, /does not match the code_challenge/);

  ({ code, verifier } = await codeFor());
  r = await token({ grant_type: 'authorization_code', client_id: app.id, code, redirect_uri: 'http://app.test/other', code_verifier: verifier });
  assert.deepEqual([r.status, r.body.error], [400, 'invalid_grant']);
  assert.match(r.body.error_description, /redirect_uri does not match/);

  ({ code, verifier } = await codeFor());
  r = await token({ grant_type: 'authorization_code', client_id: other.id, code, redirect_uri: redirect, code_verifier: verifier });
  assert.deepEqual([r.status, r.body.error], [400, 'invalid_grant']);
  assert.match(r.body.error_description, /another client/);

  ({ code, verifier } = await codeFor());
  const ok = await token({ grant_type: 'authorization_code', client_id: app.id, code, redirect_uri: redirect, code_verifier: verifier });
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('cache-control'), 'no-store');
  const replay = await token({ grant_type: 'authorization_code', client_id: app.id, code, redirect_uri: redirect, code_verifier: verifier });
  assert.deepEqual([replay.status, replay.body.error], [400, 'invalid_grant']);
  assert.match(replay.body.error_description, /already used; its tokens are revoked/);
  const revoked = await token({ grant_type: 'refresh_token', client_id: app.id, refresh_token: ok.body.refresh_token });
  assert.deepEqual([revoked.status, revoked.body.error], [400, 'invalid_grant'], 'the replay revoked the grant');

  const unknown = await token({ grant_type: 'authorization_code', client_id: 'ghost', code: 'x' });
  assert.deepEqual([unknown.status, unknown.body.error], [401, 'invalid_client']);
  const grant = await token({ grant_type: 'password', client_id: app.id });
  assert.deepEqual([grant.status, grant.body.error], [400, 'unsupported_grant_type']);
  const twice = await fetch(`${provider.base}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `client_id=${app.id}&client_id=${app.id}&grant_type=refresh_token`,
  });
  assert.equal((await twice.json()).error, 'invalid_request');
});

test('/token: refresh rotation, reuse in the leeway tolerated, reuse after it revokes', async () => {
  const { code, verifier } = await codeFor();
  const first = await token({ grant_type: 'authorization_code', client_id: app.id, code, redirect_uri: redirect, code_verifier: verifier });
  const r1 = first.body.refresh_token;
  const second = await token({ grant_type: 'refresh_token', client_id: app.id, refresh_token: r1 });
  assert.equal(second.status, 200);
  assert.notEqual(second.body.refresh_token, r1);
  const retry = await token({ grant_type: 'refresh_token', client_id: app.id, refresh_token: r1 });
  assert.equal(retry.status, 200, 'a retry within the leeway still works');
  await new Promise((resolve) => setTimeout(resolve, 6500));
  const late = await token({ grant_type: 'refresh_token', client_id: app.id, refresh_token: r1 });
  assert.deepEqual([late.status, late.body.error], [400, 'invalid_grant']);
  assert.match(late.body.error_description, /already used; the grant is revoked/);
  const after = await token({ grant_type: 'refresh_token', client_id: app.id, refresh_token: second.body.refresh_token });
  assert.equal(after.status, 400, 'every token of the grant is revoked');
});

test('sign-out redirects only to a registered URI of that client', async () => {
  const good = await fetch(`${provider.base}/oidc/session/end?client_id=${app.id}&post_logout_redirect_uri=${encodeURIComponent('http://app.test/')}`, { redirect: 'manual' });
  assert.equal(good.status, 303);
  for (const [client, target] of [
    [app.id, 'http://evil.test/'],
    [other.id, 'http://app.test/'],
    ['', 'http://app.test/'],
  ]) {
    const r = await fetch(`${provider.base}/oidc/session/end?client_id=${client}&post_logout_redirect_uri=${encodeURIComponent(target)}`, { redirect: 'manual' });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('location'), null);
    assert.match(await r.text(), /You are signed out/);
  }
});

test('CORS only for registered origins, preflight included', async () => {
  const allowed = await fetch(`${provider.base}/oidc/token`, { method: 'OPTIONS', headers: { origin: 'http://app.test', 'access-control-request-method': 'POST' } });
  assert.equal(allowed.status, 204);
  assert.equal(allowed.headers.get('access-control-allow-origin'), 'http://app.test');
  const stranger = await fetch(`${provider.base}/oidc/token`, { method: 'OPTIONS', headers: { origin: 'http://evil.test' } });
  assert.equal(stranger.headers.get('access-control-allow-origin'), null);
  const discovery = await fetch(`${provider.base}/oidc/.well-known/openid-configuration`, { headers: { origin: 'http://evil.test' } });
  assert.equal(discovery.headers.get('access-control-allow-origin'), null);
});

test('/api: admin token required, malformed JSON refused, SQL metacharacters stored verbatim', async () => {
  const api = (path, init = {}) =>
    fetch(`${provider.base}${path}`, { ...init, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', ...init.headers } });
  const noToken = await fetch(`${provider.base}/api/applications`);
  assert.equal(noToken.status, 401);
  const wrongToken = await fetch(`${provider.base}/api/applications`, { headers: { authorization: 'Bearer nope' } });
  assert.equal(wrongToken.status, 401);
  const bad = await api('/api/applications', { method: 'POST', body: '{"name": ' });
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), { code: 'request.invalid_json', message: 'The body must be a JSON object (in UTF-8).' });
  const wrongType = await api('/api/applications', { method: 'POST', body: JSON.stringify({ name: 'x', redirectUris: 'http://a' }) });
  assert.equal((await wrongType.json()).message, 'redirectUris must be an array of strings.');

  const evil = `x'); DROP TABLE applications; --`;
  const created = await api('/api/applications', {
    method: 'POST',
    body: JSON.stringify({ name: evil, type: 'spa', redirectUris: [`http://q.test/cb?x=${encodeURIComponent(evil)}`] }),
  });
  assert.equal(created.status, 201);
  const app2 = await created.json();
  assert.equal(app2.name, evil);
  const read = await (await api(`/api/applications/${encodeURIComponent(app2.id)}`)).json();
  assert.equal(read.name, evil);
  const user = await api('/api/users', { method: 'POST', body: JSON.stringify({ username: 'bobby', name: `Robert'); DROP TABLE users;--`, password: 'long enough pw' }) });
  assert.equal((await user.json()).name, `Robert'); DROP TABLE users;--`);
  const lookup = await api(`/api/applications/${encodeURIComponent("' OR '1'='1")}`);
  assert.equal(lookup.status, 404);
  const resource = await api('/api/resources', { method: 'POST', body: JSON.stringify({ indicator: `https://api.test/?q=${encodeURIComponent(evil)}`, name: evil }) });
  assert.equal((await resource.json()).name, evil);
  // Through the OIDC parameters too: state and login_hint are stored and echoed verbatim.
  const { challenge } = pkce();
  const r = await fetch(authUrl({ client_id: app.id, redirect_uri: redirect, code_challenge: challenge, code_challenge_method: 'S256', state: evil, login_hint: evil }), { redirect: 'manual' });
  assert.equal(r.status, 303);
  const signIn = await fetch(new URL(r.headers.get('location'), provider.base));
  assert.ok((await signIn.text()).includes('x&#39;); DROP TABLE applications; --'));
  const code = await browserSignIn(authUrl({ client_id: app.id, redirect_uri: redirect, code_challenge: challenge, code_challenge_method: 'S256', state: evil }), { identifier: 'ada', password: 'correct horse' });
  assert.equal(new URL(code.callback).searchParams.get('state'), evil);
  const list = await (await api('/api/applications')).json();
  assert.ok(list.length >= 3, 'the tables are intact');
});

test('traditional apps: a secret shown once, required at /token (basic or post), wrong one refused', async () => {
  const web = cli(provider.dataDir, 'app', 'create', '--name', 'Web', '--type', 'traditional', '--redirect-uri', 'http://web.test/cb');
  assert.equal(typeof web.secret, 'string');
  assert.equal(cli(provider.dataDir, 'app', 'show', web.id).secret, undefined, 'never shown again');
  const signIn = async () => {
    const url = authUrl({ client_id: web.id, redirect_uri: 'http://web.test/cb' }); // no PKCE: allowed
    const { callback } = await browserSignIn(url, { identifier: 'ada', password: 'correct horse' });
    return new URL(callback).searchParams.get('code');
  };
  const fields = (code) => ({ grant_type: 'authorization_code', code, redirect_uri: 'http://web.test/cb' });
  let r = await token({ ...fields(await signIn()), client_id: web.id });
  assert.deepEqual([r.status, r.body.error], [401, 'invalid_client']);
  assert.match(r.body.error_description, /must authenticate with its client secret/);
  r = await token({ ...fields(await signIn()), client_id: web.id, client_secret: 'wrong' });
  assert.deepEqual([r.status, r.body.error_description], [401, 'The client secret is wrong.']);
  r = await token({ ...fields(await signIn()), client_id: web.id, client_secret: web.secret });
  assert.equal(r.status, 200);
  const basic = await fetch(`${provider.base}/oidc/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${web.id}:${encodeURIComponent(web.secret)}`).toString('base64')}`,
    },
    body: new URLSearchParams(fields(await signIn())),
  });
  assert.equal(basic.status, 200);
  assert.throws(
    () => cli(provider.dataDir, 'app', 'update', web.id, '--type', 'spa'),
    (e) => /cannot switch between public/.test(e.stderr),
  );
});
