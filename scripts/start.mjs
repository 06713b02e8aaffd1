// `npm start` after set-up and build: the provider on :3001 (dev mode, SQLite in ./.data)
// and the demo site on :3000, the demo application registered on first start. Ctrl-C stops
// both. Each problem is one line saying what to do.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startDemoServer } from '../demo-site/server.mjs';
import { ensureDemoApp } from '../demo-site/setup.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const providerBin = join(root, 'build/native/provider/logto-provider');
const dataDir = process.env.DEMO_DATA_DIR ?? join(root, '.data');
const providerPort = Number(process.env.PROVIDER_PORT ?? 3001);
const sitePort = Number(process.env.DEMO_PORT ?? 3000);
const endpoint = `http://localhost:${providerPort}`;
const siteUrl = `http://localhost:${sitePort}`;
const say = (line) => console.log(`[logto-wasm] ${line}`);
const fail = (line) => {
  console.error(`[logto-wasm] error: ${line}`);
  process.exit(1);
};

function portFree(port) {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .once('listening', () => probe.close(() => resolve(true)))
      .listen(port, '127.0.0.1');
  });
}

if (!existsSync(providerBin)) fail(`the provider is not built (${providerBin}): run 'npm run build' and read its errors`);
if (!existsSync(join(root, 'js/dist/logto.mjs'))) fail("the SDK is not built (js/dist): run 'npm run build'");
for (const [port, what, env] of [[providerPort, 'provider', 'PROVIDER_PORT'], [sitePort, 'demo site', 'DEMO_PORT']]) {
  if (!(await portFree(port))) fail(`port ${port} (the ${what}) is in use: stop what uses it (another npm start?) or set ${env}=<port>`);
}

let demo;
try {
  demo = ensureDemoApp({ providerBin, dataDir, siteUrl });
} catch (e) {
  fail(String(e.stderr || e.message).trim().split('\n')[0]);
}

const provider = spawn(providerBin, ['--data-dir', dataDir, '--port', String(providerPort), '--dev', 'serve'], { stdio: ['ignore', 'inherit', 'inherit'] });
let stopping = false;
provider.on('exit', (code) => {
  if (!stopping) fail(`the provider stopped unexpectedly (exit ${code}); see its log above`);
});

const site = await startDemoServer({ port: sitePort, config: { endpoint, appId: demo.appId, siteUrl } });
say(`demo site:     ${siteUrl}`);
say(`dev SMS inbox: ${endpoint}/dev/sms (codes appear here and on the provider log)`);
say(`provider:      ${endpoint}/oidc (application "Bookstore", id ${demo.appId})`);
say(`console:       ${endpoint}/console (on a new data directory, the provider's log above has its one-time setup link)`);
say('to send real SMS through Twilio, run (with your values):');
say(`  ${providerBin} --data-dir .data connector set twilio --config '{"accountSID":"AC...","authToken":"...","fromMessagingServiceSID":"MG...","templates":[{"usageType":"Register","content":"Your code is {{code}}"},{"usageType":"SignIn","content":"Your code is {{code}}"},{"usageType":"ForgotPassword","content":"Your code is {{code}}"},{"usageType":"Generic","content":"Your code is {{code}}"}]}'`);
say('  (test first: the same command with "connector test --phone +81..." sends a Generic message)');
say('to let a signed-in user read the Bookstore API (demo-site/README.md):');
say(`  ${providerBin} --data-dir .data user add-roles USER_ID --role reader`);
say('Ctrl-C stops both servers.');

const stop = async () => {
  if (stopping) return;
  stopping = true;
  say('stopping...');
  provider.kill('SIGTERM');
  await site.close();
  await new Promise((resolve) => (provider.exitCode !== null ? resolve() : provider.once('exit', resolve)));
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
