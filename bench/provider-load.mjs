// Provider throughput and memory, ours against oidc-provider 9, both on loopback with the
// load from logto-loadgen (bench/load.mjs, 50 keep-alive connections), the two servers taking
// turns round by round: requests per second, latency and server CPU per request for discovery
// and the JWKS, resident memory idle and under load.
import { readFileSync } from 'node:fs';

import { startProvider } from '../tests/support/provider-process.mjs';
import { cpuMs, loadGet } from './load.mjs';
import { startPeer } from './peers/oidc-provider.mjs';
import { summary } from './stats.mjs';

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

export async function measureProviders({ rounds = 3, seconds = 3 } = {}) {
  const ours = await startProvider();
  const peer = await startPeer();
  const servers = [
    ['ours', ours, ours.child.pid],
    ['peer', peer, peer.pid],
  ];
  const out = {};
  try {
    for (const [name, server, pid] of servers) {
      await fetch(`${server.base}/oidc/.well-known/openid-configuration`); // warm up
      out[name] = { idleRssMiB: rssMiB(pid), loadRssMiB: rssMiB(pid), endpoints: {} };
    }
    for (const [label, path] of [['discovery', '/oidc/.well-known/openid-configuration'], ['jwks', '/oidc/jwks']]) {
      const runs = { ours: [], peer: [] };
      for (let i = 0; i < rounds; i++) {
        for (const [name, server, pid] of servers) {
          const sampler = setInterval(() => (out[name].loadRssMiB = Math.max(out[name].loadRssMiB, rssMiB(pid))), 200);
          const cpu = cpuMs(pid);
          const r = await loadGet(server.base, path, { seconds });
          clearInterval(sampler);
          if (r.failed) throw new Error(`${name} ${label}: ${r.failed} failed (${JSON.stringify(r.statuses)})`);
          runs[name].push({ rps: r.ok / r.seconds, p50: r.p50, p99: r.p99, cpuUs: ((cpuMs(pid) - cpu) * 1000) / r.ok });
        }
      }
      for (const [name] of servers) {
        const pick = (k) => summary(runs[name].map((r) => r[k]));
        out[name].endpoints[label] = { rps: pick('rps'), p50: pick('p50'), p99: pick('p99'), cpuUs: pick('cpuUs') };
      }
    }
  } finally {
    await ours.stop();
    ours.cleanup();
    peer.stop();
  }
  return out;
}
