// Provider throughput and memory, ours against oidc-provider 9, both on loopback with the
// load generated from this process (autocannon, 50 connections): requests per second and
// latency for discovery and the JWKS, resident memory idle and under load.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import autocannon from 'autocannon';

import { startProvider } from '../tests/support/provider-process.mjs';
import { summary } from './stats.mjs';

function rssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

async function startPeer() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./peers/oidc-provider-server.mjs', import.meta.url))], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      const m = /listening (\d+)/.exec(String(d));
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`oidc-provider exited ${code}`)));
  });
  return { base: `http://localhost:${port}`, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

function load(url, seconds) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: 50, duration: seconds }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

export async function measureProviders({ rounds = 3, seconds = 3 } = {}) {
  const ours = await startProvider();
  const peer = await startPeer();
  const out = {};
  try {
    for (const [name, server, pid] of [['ours', ours, ours.child.pid], ['peer', peer, peer.pid]]) {
      await fetch(`${server.base}/oidc/.well-known/openid-configuration`); // warm up
      const idle = rssMiB(pid);
      const endpoints = {};
      let peak = idle;
      for (const [label, path] of [['discovery', '/oidc/.well-known/openid-configuration'], ['jwks', '/oidc/jwks']]) {
        const rps = [];
        const p50 = [];
        const p99 = [];
        for (let i = 0; i < rounds; i++) {
          const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 200);
          const r = await load(`${server.base}${path}`, seconds);
          clearInterval(sampler);
          if (r.non2xx || r.errors) throw new Error(`${name} ${label}: ${r.non2xx} non-2xx, ${r.errors} errors`);
          rps.push(r.requests.average);
          p50.push(r.latency.p50);
          p99.push(r.latency.p99);
        }
        endpoints[label] = { rps: summary(rps), p50: summary(p50), p99: summary(p99) };
      }
      out[name] = { idleRssMiB: idle, loadRssMiB: peak, endpoints };
    }
  } finally {
    await ours.stop();
    ours.cleanup();
    peer.stop();
  }
  return out;
}
