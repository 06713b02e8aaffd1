// The authorization-code exchange under load: a pre-minted pool of codes exchanged with PKCE at
// /oidc/token (ID-token signing included), ours against oidc-provider 9; and our provider
// under 1 000 concurrent full sign-ins (interaction, password, code, token).

import { browserSignIn, cli, CookieJar, NO_RATE_LIMITS, startProvider } from '../tests/support/provider-process.mjs';
import { cpuMs, loadPost, loadSignIns } from './load.mjs';
import { startPeer } from './peers/oidc-provider.mjs';
import { summary } from './stats.mjs';

export const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
export const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';
export const REDIRECT = 'http://app.test/cb';

// Each code exchanged once by logto-loadgen's 50 keep-alive connections (bench/load.mjs):
// {ok, failed, wall (s), p50, p99 (ms), cpuMs: the server's CPU over the round}.
export async function exchange(base, clientId, codes, pid) {
  const cpu = cpuMs(pid);
  const r = await loadPost(
    base,
    '/oidc/token',
    codes.map((code) => ({ grant_type: 'authorization_code', client_id: clientId, code, redirect_uri: REDIRECT, code_verifier: VERIFIER })),
  );
  return { ok: r.ok, failed: r.failed, wall: r.seconds, p50: r.p50, p99: r.p99, cpuMs: cpuMs(pid) - cpu };
}

export async function oursCodes(provider, appId, n) {
  const auth = `${provider.base}/oidc/auth?${new URLSearchParams({ client_id: appId, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid', code_challenge: CHALLENGE, code_challenge_method: 'S256' })}`;
  const jar = new CookieJar();
  await browserSignIn(auth, { identifier: 'bench', password: 'bench password', jar }); // a session
  const codes = [];
  for (let i = 0; i < n; i++) {
    const r = await fetch(auth, { redirect: 'manual', headers: { cookie: jar.header() } });
    codes.push(new URL(r.headers.get('location')).searchParams.get('code'));
  }
  return codes;
}

// The rate is the successful exchanges over the run's wall time; the server's CPU per exchange
// does not depend on what the load generator costs.
const figures = (r) => ({ rps: r.ok / r.wall, p50: r.p50, p99: r.p99, cpuMs: r.cpuMs / Math.max(1, r.ok), ok: r.ok, failed: r.failed });

// A CPU profile of our provider while it exchanges `codes` codes (perf, when this machine
// allows it): the top libraries and the top symbols by samples, or a line saying why there is
// none.
export async function profileTokenExchange({ codes = 2000 } = {}) {
  const { execFile } = await import('node:child_process');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const provider = await startProvider({ settings: NO_RATE_LIMITS });
  const dir = mkdtempSync(join(tmpdir(), 'logto-perf-'));
  const run = (cmd, args) =>
    new Promise((resolve) => execFile(cmd, args, { maxBuffer: 1 << 24 }, (error, stdout, stderr) => resolve({ error, stdout, stderr })));
  try {
    const app = cli(provider.dataDir, 'app', 'create', '--name', 'Bench', '--redirect-uri', REDIRECT);
    cli(provider.dataDir, 'user', 'create', '--username', 'bench', '--password', 'bench password');
    const pool = await oursCodes(provider, app.id, codes);
    const data = join(dir, 'perf.data');
    const recording = run('perf', ['record', '-F', '999', '-o', data, '-p', String(provider.child.pid), '--', 'sleep', '4']);
    await new Promise((r) => setTimeout(r, 300));
    await exchange(provider.base, app.id, pool, provider.child.pid);
    const recorded = await recording;
    if (recorded.error) return { lines: [`no profile: perf record failed (${String(recorded.stderr).trim().split('\n').pop()})`] };
    const top = async (sort, n) => {
      const report = await run('perf', ['report', '--stdio', '--no-children', '--sort', sort, '-i', data]);
      return String(report.stdout).split('\n').filter((l) => /^\s+\d+\.\d+%/.test(l)).slice(0, n).map((l) => l.trim().replace(/\s+/g, ' ').replace(/ - -$/, ''));
    };
    // By library first (where the time goes: signing, SQLite, the kernel), then by symbol.
    return { lines: [...(await top('dso', 8)), '', ...(await top('dso,symbol', 12))] };
  } finally {
    await provider.stop();
    provider.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

// One process on each side for the whole run: a warm-up round of `warmup` codes each (not
// counted: both JITs, thread pools and caches warm), then `rounds` rounds of `codes` exchanges
// each, ours and the peer's alternating.
export async function measureTokenExchange({ codes = 1000, rounds = 3, warmup = 300 } = {}) {
  const provider = await startProvider({ settings: NO_RATE_LIMITS });
  const peer = await startPeer();
  const ours = [];
  const theirs = [];
  try {
    const app = cli(provider.dataDir, 'app', 'create', '--name', 'Bench', '--redirect-uri', REDIRECT);
    cli(provider.dataDir, 'user', 'create', '--username', 'bench', '--password', 'bench password');
    const pid = provider.child.pid;
    await exchange(provider.base, app.id, await oursCodes(provider, app.id, warmup), pid);
    await exchange(peer.base, 'bench', await peer.mint(warmup), peer.pid);
    for (let round = 0; round < rounds; round++) {
      ours.push(figures(await exchange(provider.base, app.id, await oursCodes(provider, app.id, codes), pid)));
      theirs.push(figures(await exchange(peer.base, 'bench', await peer.mint(codes), peer.pid)));
    }
  } finally {
    peer.stop();
    await provider.stop();
    provider.cleanup();
  }
  const combine = (runs) => ({
    rps: summary(runs.map((r) => r.rps)),
    p50: summary(runs.map((r) => r.p50)),
    p99: summary(runs.map((r) => r.p99)),
    cpuMs: summary(runs.map((r) => r.cpuMs)),
    ok: runs.reduce((n, r) => n + r.ok, 0),
    failed: runs.reduce((n, r) => n + r.failed, 0),
  });
  return { ours: combine(ours), peer: combine(theirs), codes, rounds, warmup };
}

// n people signing in at once, each on its own connection through logto-loadgen (the clients
// cost next to nothing, so the wall time is the provider's): /oidc/auth, the sign-in page, the
// password through the experience API, the code exchange.
export async function measureConcurrentSignIns({ people = 1000, keepOpen = false } = {}) {
  const provider = await startProvider({ settings: NO_RATE_LIMITS });
  try {
    const app = cli(provider.dataDir, 'app', 'create', '--name', 'Bench', '--redirect-uri', REDIRECT);
    cli(provider.dataDir, 'user', 'create', '--username', 'bench', '--password', 'bench password');
    const auth = `/oidc/auth?${new URLSearchParams({ client_id: app.id, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid', code_challenge: CHALLENGE, code_challenge_method: 'S256' })}`;
    const r = await loadSignIns(provider.base, auth, { people, identifier: 'bench', password: 'bench password', clientId: app.id, redirectUri: REDIRECT, verifier: VERIFIER, keepOpen });
    return { people, keepOpen, completed: r.ok, failed: r.failed, failures: r.statuses, p50: r.p50, p99: r.p99, wallSeconds: r.seconds };
  } finally {
    await provider.stop();
    provider.cleanup();
  }
}

// n people signing in by SMS at once, each from its own address (behind trustProxy, as behind a
// load balancer), each with a new number: /oidc/auth, the experience API's send (to the dev
// inbox: a fake Twilio in this process, which also runs the n clients, answers too late under
// this load and the provider's 10 s Twilio timeout fails about a tenth of the sends), the code
// read from the inbox, verify (registers the number), the code exchange.
export async function measureConcurrentPhoneSignIns({ people = 1000 } = {}) {
  const provider = await startProvider({ settings: { ...NO_RATE_LIMITS, trustProxy: true }, extraArgs: ['--dev'] });
  try {
    const app = cli(provider.dataDir, 'app', 'create', '--name', 'Bench', '--redirect-uri', REDIRECT);
    const base = provider.base;
    const auth = `${base}/oidc/auth?${new URLSearchParams({ client_id: app.id, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid phone', code_challenge: CHALLENGE, code_challenge_method: 'S256' })}`;
    const times = [];
    const failures = new Map();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: people }, async (_, i) => {
        const t = performance.now();
        const ip = `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`;
        const phone = `+8190${String(10000000 + i).slice(-8)}`;
        const jar = new CookieJar();
        try {
          const a = await fetch(auth, { redirect: 'manual', headers: { 'x-forwarded-for': ip } });
          jar.store(a);
          const id = new URL(a.headers.get('location'), base).searchParams.get('interaction');
          const headers = { 'x-forwarded-for': ip, cookie: jar.header() };
          const info = await (await fetch(`${base}/api/experience/${id}`, { headers })).json();
          const post = async (path, body) => {
            const r = await fetch(`${base}/api/experience/${id}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': info.csrfToken }, body: JSON.stringify(body) });
            return { status: r.status, body: await r.json() };
          };
          const sent = await post('/verification-code', { phone });
          if (sent.status !== 200) throw new Error(`send ${sent.status} ${sent.body.code}`);
          const inbox = await (await fetch(`${base}/dev/sms?to=${encodeURIComponent(phone)}`, { headers: { accept: 'application/json' } })).json();
          const verified = await post('/verification-code/verify', { phone, code: inbox[0]?.code });
          if (verified.status !== 200) throw new Error(`verify ${verified.status} ${verified.body.code}`);
          const code = new URL(verified.body.redirectTo).searchParams.get('code');
          const r = await fetch(`${base}/oidc/token`, { method: 'POST', headers: { 'x-forwarded-for': ip, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', client_id: app.id, code, redirect_uri: REDIRECT, code_verifier: VERIFIER }) });
          if (r.status !== 200) throw new Error(`token ${r.status}`);
          times.push(performance.now() - t);
        } catch (e) {
          const why = String(e.message ?? e);
          failures.set(why, (failures.get(why) ?? 0) + 1);
        }
      }),
    );
    times.sort((a, b) => a - b);
    const failed = [...failures.values()].reduce((n, k) => n + k, 0);
    const sent = await (await fetch(`${base}/dev/sms`, { headers: { accept: 'application/json' } })).json();
    return { people, completed: times.length, failed, failures: Object.fromEntries(failures), p50: times[times.length >> 1], p99: times[Math.floor(times.length * 0.99)], wallSeconds: (performance.now() - started) / 1000, smsSent: sent.length };
  } finally {
    await provider.stop();
    provider.cleanup();
  }
}
