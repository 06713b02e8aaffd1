// Starts build/native/provider/logto-provider on a free port with a fresh data directory, and
// runs its CLI. Test scaffolding for the provider's HTTP and interop tests.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROVIDER_BIN = fileURLToPath(new URL('../../build/native/provider/logto-provider', import.meta.url));

export function makeDataDir() {
  return mkdtempSync(join(tmpdir(), 'logto-provider-'));
}

// Runs a CLI command and returns its parsed JSON output.
export function cli(dataDir, ...args) {
  return JSON.parse(execFileSync(PROVIDER_BIN, ['--data-dir', dataDir, ...args], { encoding: 'utf8' }));
}

export async function startProvider({ dataDir = makeDataDir(), extraArgs = [] } = {}) {
  const child = spawn(PROVIDER_BIN, ['--data-dir', dataDir, '--port', '0', ...extraArgs, 'serve'], {
    stdio: ['ignore', 'pipe', 'pipe'],
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
    dataDir,
    child,
    log: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
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
  const answer = await fetch(new URL(`/api/experience/${interaction}/password`, authUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: jar.header() },
    body: JSON.stringify({ identifier, password }),
  });
  jar.store(answer);
  const body = await answer.json();
  if (!answer.ok) return { error: body, status: answer.status, jar, html };
  return { callback: body.redirectTo, jar, signedIn: true, html };
}
