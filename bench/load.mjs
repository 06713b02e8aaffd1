// Driving the servers under test: logto-loadgen (bench/loadgen/loadgen.cpp, one epoll thread,
// a few microseconds a request) instead of Node's fetch or autocannon, which cost about what
// the servers do and share the same two cores. And the CPU a process used, from /proc.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LOADGEN = process.env.LOGTO_LOADGEN_BIN ?? fileURLToPath(new URL('../build/native/bench/loadgen/logto-loadgen', import.meta.url));

function run(args) {
  return new Promise((resolve, reject) =>
    execFile(LOADGEN, args, (error, stdout, stderr) => (error ? reject(new Error(`logto-loadgen: ${stderr || error.message}`)) : resolve(JSON.parse(stdout)))),
  );
}

const portOf = (base) => String(new URL(base).port);

// GET `path` on `base` from `connections` keep-alive connections for `seconds`:
// {ok, failed, statuses, seconds, p50, p99, max} (latencies in ms).
export function loadGet(base, path, { seconds = 3, connections = 50 } = {}) {
  return run(['--port', portOf(base), '--connections', String(connections), '--get', path, '--seconds', String(seconds)]);
}

// POSTs each form body once (objects become x-www-form-urlencoded).
export async function loadPost(base, path, bodies, { connections = 50 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'logto-load-'));
  try {
    const file = join(dir, 'bodies');
    writeFileSync(file, bodies.map((b) => new URLSearchParams(b).toString()).join('\n') + '\n');
    return await run(['--port', portOf(base), '--connections', String(connections), '--post', path, '--bodies', file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// CPU time (user + system) the process has used so far, in ms.
export function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
