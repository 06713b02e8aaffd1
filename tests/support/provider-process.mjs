// Starts build/native/provider/logto-provider on a free port with a fresh data directory, and
// runs its CLI. Test scaffolding for the provider's HTTP and interop tests.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// LOGTO_PROVIDER_BIN runs the suites against another build (the ThreadSanitizer one in npm test).
export const PROVIDER_BIN = process.env.LOGTO_PROVIDER_BIN ?? fileURLToPath(new URL('../../build/native/provider/logto-provider', import.meta.url));

export function makeDataDir() {
  return mkdtempSync(join(tmpdir(), 'logto-provider-'));
}

// LOGTO_TEST_POSTGRES (a PostgreSQL socket directory; scripts/with-postgres.mjs sets it) runs
// the suites against PostgreSQL: each data directory gets its own new database there, made on
// first use, and every provider process of that directory is given its URL.
const POSTGRES = process.env.LOGTO_TEST_POSTGRES;
const databases = new Map();
export function databaseEnv(dataDir) {
  if (!POSTGRES) return {};
  if (!databases.has(dataDir)) {
    const name = `t_${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`;
    execFileSync('psql', ['-h', POSTGRES, '-U', 'logto', '-d', 'postgres', '-qc', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
    databases.set(dataDir, `postgresql:///${name}?host=${encodeURIComponent(POSTGRES)}&user=logto`);
  }
  return { LOGTO_DATABASE_URL: databases.get(dataDir) };
}
export const usingPostgres = Boolean(POSTGRES);

// Runs a CLI command and returns its parsed JSON output.
export function cli(dataDir, ...args) {
  return JSON.parse(execFileSync(PROVIDER_BIN, ['--data-dir', dataDir, ...args], { encoding: 'utf8', env: { ...process.env, ...databaseEnv(dataDir) } }));
}

// Runs a CLI command expected to fail; returns {status, stderr}.
export function cliFails(dataDir, args, env = {}) {
  try {
    execFileSync(PROVIDER_BIN, ['--data-dir', dataDir, ...args], { encoding: 'utf8', stdio: 'pipe', env: { ...process.env, ...databaseEnv(dataDir), ...env } });
  } catch (e) {
    return { status: e.status, stderr: e.stderr };
  }
  throw new Error(`expected failure: ${args.join(' ')}`);
}

// The provider started with `settings` as its config file (and a fresh data dir) for one CLI
// command: the error line it refuses them with, or '' when it takes them.
export function configRefusal(settings) {
  const dir = makeDataDir();
  try {
    writeFileSync(join(dir, 'c.json'), JSON.stringify(settings));
    execFileSync(PROVIDER_BIN, ['--config', join(dir, 'c.json'), '--data-dir', dir, 'app', 'list'], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return e.stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Runs a CLI command without blocking the event loop (needed when it calls a fake server in
// this process); resolves to {status, stdout, stderr, json}.
export function cliAsync(dataDir, args, env = {}) {
  return new Promise((resolve) => {
    execFile(PROVIDER_BIN, ['--data-dir', dataDir, ...args], { encoding: 'utf8', env: { ...process.env, ...databaseEnv(dataDir), ...env } }, (error, stdout, stderr) => {
      let json;
      try {
        json = JSON.parse(stdout);
      } catch {}
      resolve({ status: error ? error.code : 0, stdout, stderr, json });
    });
  });
}

// Starts an /oidc/auth interaction for `appId` and returns {id, jar, base} to drive the
// experience API the way the sign-in page does.
export async function startInteraction(base, appId, redirectUri, extra = {}) {
  const url = new URL(`${base}/oidc/auth`);
  const params = { client_id: appId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid profile phone', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', ...extra };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const jar = new CookieJar();
  const response = await fetch(url, { redirect: 'manual' });
  jar.store(response);
  const id = new URL(response.headers.get('location'), base).searchParams.get('interaction');
  const info = await (await fetch(`${base}/api/experience/${id}`, { headers: { cookie: jar.header() } })).json();
  const call = async (path, body) => {
    const r = await fetch(`${base}/api/experience/${id}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: jar.header(), 'x-csrf-token': info.csrfToken },
      body: JSON.stringify(body),
    });
    jar.store(r);
    return { status: r.status, headers: r.headers, body: await r.json() };
  };
  return { id, jar, call, info };
}

// Every rate limit and guessing limit off: for benchmarks, which measure the work (1 000 people
// signing in at once as one bench user, from one address) rather than the limiter.
export const NO_RATE_LIMITS = {
  rateLimits: { authorizePerIp: 0, liveInteractionsPerIp: 0, signInPagePerIp: 0, experiencePerIp: 0, tokenPerIp: 0, tokenPerClient: 0 },
  lockout: { failuresPerAccount: 0, failuresPerIp: 0 },
};

// `settings`: a config file's JSON (docs/provider.md, "Settings"), written into the data dir.
export async function startProvider({ dataDir = makeDataDir(), extraArgs = [], env = {}, settings } = {}) {
  if (settings) {
    writeFileSync(join(dataDir, 'provider.json'), JSON.stringify(settings));
    extraArgs = ['--config', join(dataDir, 'provider.json'), ...extraArgs];
  }
  const child = spawn(PROVIDER_BIN, ['--data-dir', dataDir, '--port', '0', ...extraArgs, 'serve'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...databaseEnv(dataDir), ...env },
  });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const base = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      log += d;
      // The last start-up line; the base is the issuer's host when it is local, else the socket.
      if (!/\[provider\] mode/.test(log)) return;
      const issuer = /issuer (http:\/\/localhost:\d+)\/oidc/.exec(log);
      resolve(issuer ? issuer[1] : /listening on (http:\/\/[^\s]+)/.exec(log)[1]);
    });
    child.on('exit', (code) => reject(new Error(`provider exited with ${code}: ${log}`)));
  });
  return {
    base,
    // host:port of this process's own socket (a load balancer's backend).
    address: /listening on http:\/\/([^\s]+)/.exec(log)[1],
    dataDir,
    child,
    log: () => log,
    stop: () =>
      new Promise((resolve) => {
        // LOGTO_TEST_DUMP_LOG=/tmp/x: each provider's output is kept as /tmp/x.<pid>, for debugging.
        if (process.env.LOGTO_TEST_DUMP_LOG) writeFileSync(`${process.env.LOGTO_TEST_DUMP_LOG}.${child.pid}`, log);
        if (child.exitCode !== null || child.signalCode !== null) return resolve(); // already gone
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
    kill9: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGKILL');
      }),
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

// A cookie jar just big enough for the sign-in hand-off.
export class CookieJar {
  #cookies = new Map();
  store(response) {
    for (const line of response.headers.getSetCookie?.() ?? []) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/max-age=0/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
  header() {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  has(name) {
    return this.#cookies.has(name);
  }
}

// What a browser does after the SDK navigates to /oidc/auth: follows the provider to its
// sign-in page, signs in through the experience API, and returns the client callback URL.
export async function browserSignIn(authUrl, { identifier, password, jar = new CookieJar() }) {
  const auth = await fetch(authUrl, { redirect: 'manual', headers: { cookie: jar.header() } });
  jar.store(auth);
  const location = new URL(auth.headers.get('location'), authUrl);
  if (location.pathname !== '/sign-in') return { callback: location.href, jar, signedIn: false };
  const interaction = location.searchParams.get('interaction');
  const page = await fetch(location, { headers: { cookie: jar.header() } });
  const html = await page.text();
  const csrf = /data-csrf="([^"]+)"/.exec(html)?.[1];
  const answer = await fetch(new URL(`/api/experience/${interaction}/password`, authUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: jar.header(), 'x-csrf-token': csrf },
    body: JSON.stringify({ identifier, password }),
  });
  jar.store(answer);
  const body = await answer.json();
  if (!answer.ok) return { error: body, status: answer.status, jar, html };
  return { callback: body.redirectTo, jar, signedIn: true, html };
}

// A whole code flow against `provider` for `appId` (redirect http://app.test/callback): /oidc/auth
// with `extra` parameters (an array value is sent once per item, as `resource` may be), the
// sign-in page with the given credentials, then the code exchange (with `resource` when `extra`
// has one as a string). Resolves to the token response.
export async function signInForTokens(provider, appId, extra = {}, { identifier = 'ada', password = 'correct horse' } = {}) {
  const redirect = 'http://app.test/callback';
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(`${provider.base}/oidc/auth`);
  const params = {
    client_id: appId,
    redirect_uri: redirect,
    response_type: 'code',
    scope: 'openid offline_access profile',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...extra,
  };
  for (const [k, v] of Object.entries(params)) {
    for (const item of Array.isArray(v) ? v : [v]) url.searchParams.append(k, item);
  }
  const { callback } = await browserSignIn(url.href, { identifier, password });
  const code = new URL(callback).searchParams.get('code');
  if (!code) throw new Error(`no code: ${callback}`);
  const r = await fetch(`${provider.base}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: appId, code, redirect_uri: redirect, code_verifier: verifier, ...(typeof extra.resource === 'string' ? { resource: extra.resource } : {}) }),
  });
  if (r.status !== 200) throw new Error(`code exchange: ${r.status} ${await r.text()}`);
  return r.json();
}
