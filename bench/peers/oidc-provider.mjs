// Starts the oidc-provider peer (oidc-provider-server.mjs) in its own process, with an
// in-memory store: {base, pid, mint(n) -> n authorization codes, stop()}.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function startPeer() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./oidc-provider-server.mjs', import.meta.url))], { stdio: ['pipe', 'pipe', 'ignore'] });
  // Its stdout, a line at a time, to whoever waits for the next line of that kind.
  const waiting = { listening: [], codes: [] };
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
    let nl;
    while ((nl = out.indexOf('\n')) >= 0) {
      const line = out.slice(0, nl);
      out = out.slice(nl + 1);
      const [kind, ...rest] = line.split(' ');
      waiting[kind]?.shift()?.(rest.join(' '));
    }
  });
  const port = await new Promise((resolve, reject) => {
    waiting.listening.push(resolve);
    child.on('exit', (code) => reject(new Error(`oidc-provider exited ${code}`)));
  });
  const mint = (n) =>
    new Promise((resolve) => {
      waiting.codes.push((text) => resolve(JSON.parse(text)));
      child.stdin.write(`mint ${n}\n`);
    });
  return { base: `http://localhost:${port}`, pid: child.pid, mint, stop: () => child.kill('SIGTERM') };
}
