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

// `people` password sign-ins, `connections` at a time, each on its own connection: /oidc/auth
// (authPath with its query), the sign-in page, the experience API's password step, the code
// exchange. {ok, failed, statuses (failing step and status), seconds, p50, p99, max} per sign-in.
// keepOpen: each finished person's connection stays open and idle, as a browser leaves it.
export function loadSignIns(base, authPath, { people, connections = people, identifier, password, clientId, redirectUri, verifier, keepOpen = false }) {
  return run([
    '--keep-open', keepOpen ? '1' : '0',
    '--port', portOf(base), '--connections', String(connections), '--signin', authPath, '--people', String(people),
    '--identifier', identifier, '--password', password, '--client-id', clientId, '--redirect-uri', redirectUri, '--verifier', verifier,
  ]);
}
