// The provider on each store, side by side in one run: one instance on SQLite (the default),
// one on PostgreSQL, and two on one PostgreSQL database behind nginx (round robin). For each,
// the code exchange (pre-minted codes, logto-loadgen's 50 connections) and n concurrent
// password sign-ins (interaction, sign-in page, password, code exchange).
import { cliAsync, makeDataDir, NO_RATE_LIMITS, startProvider } from '../tests/support/provider-process.mjs';
import { freePort, startLoadBalancer } from '../tests/support/load-balancer.mjs';
import { startPostgres } from '../tests/support/postgres-server.mjs';
import { loadSignIns } from './load.mjs';
import { CHALLENGE, exchange, oursCodes, REDIRECT, VERIFIER } from './token-load.mjs';

async function setup(kind, pg) {
  const env = kind === 'sqlite' ? {} : { LOGTO_DATABASE_URL: pg.createDatabase() };
  const admin = async (...args) => {
    // SQLite is found through the data directory; PostgreSQL through the URL.
    const r = await cliAsync(kind === 'sqlite' ? providers[0].dataDir : makeDataDir(), args, env);
    if (r.status !== 0) throw new Error(r.stderr);
    return r.json;
  };
  const providers = [];
  let lb = null;
  if (kind === 'two') {
    const port = await freePort();
    for (let i = 0; i < 2; i++) {
      providers.push(await startProvider({ env, settings: { ...NO_RATE_LIMITS, trustedProxies: ['127.0.0.1'] }, extraArgs: ['--public-url', `http://localhost:${port}`] }));
    }
    lb = await startLoadBalancer(port, providers.map((p) => p.address));
  } else if (kind === 'sqlite') {
    providers.push(await startProvider({ settings: NO_RATE_LIMITS, env }));
  } else {
    providers.push(await startProvider({ env, settings: NO_RATE_LIMITS }));
  }
  const app = await admin('app', 'create', '--name', 'Bench', '--redirect-uri', REDIRECT);
  await admin('user', 'create', '--username', 'bench', '--password', 'bench password');
  return {
    base: lb ? lb.base : providers[0].base,
    app,
    providers,
    async stop() {
      if (lb) await lb.stop();
      for (const p of providers) {
        await p.stop();
        p.cleanup();
      }
    },
  };
}

export async function measureStores({ codes = 1000, people = 1000, warmup = 200 } = {}) {
  const pg = startPostgres();
  const rows = [];
  try {
    for (const [kind, label] of [
      ['sqlite', 'SQLite, one instance'],
      ['postgres', 'PostgreSQL, one instance'],
      ['two', 'PostgreSQL, two instances behind nginx'],
    ]) {
      const s = await setup(kind, pg);
      try {
        const pid = s.providers[0].child.pid;
        await exchange(s.base, s.app.id, await oursCodes(s, s.app.id, warmup), pid);
        const x = await exchange(s.base, s.app.id, await oursCodes(s, s.app.id, codes), pid);
        const auth = `/oidc/auth?${new URLSearchParams({ client_id: s.app.id, redirect_uri: REDIRECT, response_type: 'code', scope: 'openid', code_challenge: CHALLENGE, code_challenge_method: 'S256' })}`;
        const signIns = await loadSignIns(s.base, auth, { people, identifier: 'bench', password: 'bench password', clientId: s.app.id, redirectUri: REDIRECT, verifier: VERIFIER });
        rows.push({
          label,
          exchange: { rps: x.ok / x.wall, p99: x.p99, ok: x.ok, failed: x.failed },
          signIns: { completed: signIns.ok, failed: signIns.failed, failures: signIns.statuses, p99: signIns.p99, wallSeconds: signIns.seconds },
        });
      } finally {
        await s.stop();
      }
    }
  } finally {
    pg.stop();
  }
  return { codes, people, rows };
}
