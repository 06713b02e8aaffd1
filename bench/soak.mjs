// A soak of a simulated hour: every lifetime divided by `scale` (60: an hour in a minute), the
// sweeper every simulated minute, the default rate limits, and a steady mix of people signing in
// (password, code exchange with offline_access), refreshing, abandoning sign-ins, beside a bot
// hammering /oidc/auth from one address. People come from a few hundred addresses (X-Forwarded-For
// behind trustProxy, as behind a load balancer). Reports the database's size and row counts over
// time, and latency at the start and at the end.
import { createHash, randomBytes } from 'node:crypto';

import { cli, CookieJar, startProvider } from '../tests/support/provider-process.mjs';

const REDIRECT = 'http://app.test/cb';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const at = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);

export async function measureSoak({ seconds = 60, scale = 60, signInsPerSecond = 4, refreshesPerSecond = 8, abandonedPerSecond = 8, botConnections = 4, sampleEvery = 5 } = {}) {
  const ttl = (real) => Math.max(1, Math.round(real / scale));
  const settings = {
    trustProxy: true,
    interactionTtl: ttl(600),
    authorizationCodeTtl: Math.max(2, ttl(60)), // 2: expiry is counted in whole seconds
    accessTokenTtl: ttl(600), // at most the refresh tokens' (below)
    // A quarter of a simulated hour, so that within the run every kind of row reaches its steady
    // state (with 14 days it would take 14 days) and the second half shows whether it stays flat.
    refreshTokenTtl: ttl(900),
    sessionTtl: ttl(900),
    verificationCodeTtl: ttl(600),
    sweepInterval: ttl(60),
  };
  const provider = await startProvider({ settings });
  const app = cli(provider.dataDir, 'app', 'create', '--name', 'Soak', '--redirect-uri', REDIRECT);
  cli(provider.dataDir, 'user', 'create', '--username', 'soak', '--password', 'soak password');
  const base = provider.base;
  const person = () => `10.${(Math.random() * 2) | 0}.${(Math.random() * 250) | 0}.1`; // ~500 addresses
  const samples = [];
  const latencies = []; // {t, kind, ms}
  const counts = { signIns: 0, signInFailures: 0, refreshes: 0, refreshFailures: 0, abandoned: 0, abandonedFailures: 0, botAccepted: 0, botLimited: 0 };
  const families = []; // live refresh tokens, least recently refreshed first
  const reasons = new Set(); // why failed calls failed
  let idleFamilies = 0; // not refreshed within their lifetime: they expire, as a closed tab's do
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const timed = async (kind, fn) => {
    const t = performance.now();
    const result = await fn();
    latencies.push({ t: elapsed(), kind, ms: performance.now() - t });
    return result;
  };
  const authUrl = (verifier) =>
    `${base}/oidc/auth?${new URLSearchParams({ client_id: app.id, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid offline_access', code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256' })}`;

  async function signIn() {
    const ip = person();
    const headers = { 'x-forwarded-for': ip };
    const verifier = randomBytes(32).toString('base64url');
    const jar = new CookieJar();
    const auth = await timed('authorize', () => fetch(authUrl(verifier), { redirect: 'manual', headers }));
    jar.store(auth);
    if (auth.status !== 303) throw new Error(`authorize ${auth.status}`);
    const interaction = new URL(auth.headers.get('location'), base).searchParams.get('interaction');
    const page = await fetch(`${base}/sign-in?interaction=${interaction}`, { headers: { ...headers, cookie: jar.header() } });
    const csrf = /data-csrf="([^"]+)"/.exec(await page.text())?.[1];
    const answer = await fetch(`${base}/api/experience/${interaction}/password`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', cookie: jar.header(), 'x-csrf-token': csrf },
      body: JSON.stringify({ identifier: 'soak', password: 'soak password' }),
    });
    if (answer.status !== 200) throw new Error(`password ${answer.status}`);
    const code = new URL((await answer.json()).redirectTo).searchParams.get('code');
    const r = await timed('exchange', () =>
      fetch(`${base}/oidc/token`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', client_id: app.id, code, redirect_uri: REDIRECT, code_verifier: verifier }) }),
    );
    if (r.status !== 200) throw new Error(`exchange ${r.status}`);
    families.push({ token: (await r.json()).refresh_token, ip, at: elapsed() });
  }

  async function refresh() {
    // The least recently refreshed family still alive (with a second of margin).
    while (families.length && elapsed() - families[0].at > settings.refreshTokenTtl - 1) {
      families.shift();
      idleFamilies += 1;
    }
    if (!families.length) return;
    const family = families.shift();
    const r = await timed('refresh', () =>
      fetch(`${base}/oidc/token`, { method: 'POST', headers: { 'x-forwarded-for': family.ip, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'refresh_token', client_id: app.id, refresh_token: family.token }) }),
    );
    if (r.status !== 200) throw new Error(`refresh ${r.status}`);
    families.push({ token: (await r.json()).refresh_token, ip: family.ip, at: elapsed() });
  }

  async function abandon() {
    const ip = person();
    const auth = await timed('authorize', () => fetch(authUrl(randomBytes(32).toString('base64url')), { redirect: 'manual', headers: { 'x-forwarded-for': ip } }));
    await auth.arrayBuffer();
    if (auth.status !== 303) throw new Error(`abandon ${auth.status}`);
  }

  // Starts `perSecond` calls of `fn` a second, spread evenly, until the end; counts outcomes.
  const pending = new Set();
  const steady = async (perSecond, fn, ok, failed) => {
    const gap = 1000 / perSecond;
    for (let next = performance.now(); elapsed() < seconds; next += gap) {
      await sleep(Math.max(0, next - performance.now()));
      const p = fn()
        .then(() => (counts[ok] += 1))
        .catch((e) => {
          counts[failed] += 1;
          reasons.add(String(e.message ?? e));
        })
        .finally(() => pending.delete(p));
      pending.add(p);
    }
  };
  const bot = async () => {
    const url = authUrl(randomBytes(32).toString('base64url'));
    while (elapsed() < seconds) {
      const r = await fetch(url, { redirect: 'manual', headers: { 'x-forwarded-for': '198.51.100.66' } });
      await r.arrayBuffer();
      if (r.status === 429) counts.botLimited += 1;
      else counts.botAccepted += 1;
    }
  };
  const sampler = async () => {
    for (let t = 0; t <= seconds; t += sampleEvery) {
      await sleep(Math.max(0, t * 1000 - (performance.now() - started)));
      const s = cli(provider.dataDir, 'db', 'stats');
      samples.push({ t: Math.round(elapsed()), simulatedMinutes: Math.round((elapsed() * scale) / 60), dbBytes: s.fileBytes + s.walBytes, fileBytes: s.fileBytes, rows: s.rows });
    }
  };

  try {
    await Promise.all([
      steady(signInsPerSecond, signIn, 'signIns', 'signInFailures'),
      steady(refreshesPerSecond, refresh, 'refreshes', 'refreshFailures'),
      steady(abandonedPerSecond, abandon, 'abandoned', 'abandonedFailures'),
      ...Array.from({ length: botConnections }, bot),
      sampler(),
    ]);
    await Promise.all(pending);
  } finally {
    await provider.stop();
    provider.cleanup();
  }
  const window = (from, to) => {
    const out = {};
    for (const kind of ['authorize', 'exchange', 'refresh']) {
      const ms = latencies.filter((l) => l.kind === kind && l.t >= from && l.t < to).map((l) => l.ms).sort((a, b) => a - b);
      out[kind] = { n: ms.length, p50: at(ms, 0.5), p99: at(ms, 0.99) };
    }
    return out;
  };
  const edge = Math.max(5, seconds / 6);
  return { seconds, scale, settings, counts: { ...counts, idleFamilies }, failures: [...reasons], samples, start: window(0, edge), end: window(seconds - edge, seconds + 60), edgeSeconds: edge };
}
