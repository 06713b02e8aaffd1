// `npm start`'s last step (scripts/start.mjs): both servers up with the demo registered on
// first start and reused on the second, Ctrl-C stops both cleanly, and a busy port or a
// corrupt data directory is one clear line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/start.mjs', import.meta.url));

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

function start(env) {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (out.includes('Ctrl-C stops both servers.') && out.includes('[provider] mode dev')) {
        clearInterval(timer);
        resolve();
      }
    }, 50);
    exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`exited ${code}: ${out}`));
    });
  });
  ready.catch(() => {}); // runs that are meant to fail never become ready
  return { child, ready, exited, output: () => out };
}

test('first start registers the demo, the second reuses it; Ctrl-C stops both servers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logto-start-'));
  const env = { DEMO_DATA_DIR: dir, PROVIDER_PORT: String(await freePort()), DEMO_PORT: String(await freePort()) };
  try {
    const appIds = [];
    let firstLink;
    for (let round = 0; round < 2; round++) {
      const run = start(env);
      await run.ready;
      const config = await (await fetch(`http://localhost:${env.DEMO_PORT}/config.js`)).text();
      appIds.push(/"appId":"([a-z0-9]+)"/.exec(config)[1]);
      assert.match(config, new RegExp(`"endpoint":"http://localhost:${env.PROVIDER_PORT}"`));
      assert.equal((await fetch(`http://localhost:${env.PROVIDER_PORT}/oidc/.well-known/openid-configuration`)).status, 200);
      assert.match(run.output(), /dev SMS inbox: http:\/\/localhost:\d+\/dev\/sms/);
      assert.match(run.output(), /connector set twilio --config/);
      assert.match(run.output(), new RegExp(`console: +http://localhost:${env.PROVIDER_PORT}/console`));
      // The Console's one-time setup link while no admin exists, a fresh one at each start.
      const setupLinks = run.output().match(/\/console\/setup\?token=[A-Za-z0-9_-]+/g) ?? [];
      assert.equal(setupLinks.length, 1, 'one setup link while no admin exists');
      if (round === 1) assert.notEqual(setupLinks[0], firstLink, 'a new link at each start until an admin exists');
      firstLink = setupLinks[0];
      run.child.kill('SIGINT');
      assert.equal(await run.exited, 0);
      await assert.rejects(fetch(`http://localhost:${env.DEMO_PORT}/`));
      await assert.rejects(fetch(`http://localhost:${env.PROVIDER_PORT}/oidc/jwks`));
    }
    assert.equal(appIds[0], appIds[1], 'the second start reused the data');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a busy port and a corrupt data directory each give one line saying what to do', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'logto-start-'));
  const busy = createServer();
  await new Promise((r) => busy.listen(0, '127.0.0.1', r));
  try {
    let run = start({ DEMO_DATA_DIR: dir, PROVIDER_PORT: String(busy.address().port), DEMO_PORT: String(await freePort()) });
    assert.equal(await run.exited, 1);
    assert.match(run.output(), new RegExp(`error: port ${busy.address().port} \\(the provider\\) is in use: stop what uses it .* or set PROVIDER_PORT=<port>`));
    writeFileSync(join(dir, 'provider.db'), 'not a database at all');
    run = start({ DEMO_DATA_DIR: dir, PROVIDER_PORT: String(await freePort()), DEMO_PORT: String(await freePort()) });
    assert.equal(await run.exited, 1);
    const lines = run.output().trim().split('\n');
    assert.equal(lines.length, 1);
    assert.match(lines[0], /error: .*if the file is corrupt, move it away and start again/);
  } finally {
    busy.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
