// The SDK in headless Chromium, ours against @logto/browser on the same provider and the same
// ES384 key: cold load to the first isAuthenticated(), handleSignInCallback wall time, and
// cached getAccessToken() calls per second.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchChromium } from '../tests/support/chromium.mjs';
import { browserSignIn, cli, startProvider } from '../tests/support/provider-process.mjs';
import { serveStatic } from '../tests/support/static-server.mjs';
import { peerBundle } from './sdk-size.mjs';
import { summary } from './stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function measureBrowser({ loads = 20, callbacks = 20 } = {}) {
  const peerDir = mkdtempSync(join(tmpdir(), 'logto-bench-peer-'));
  writeFileSync(join(peerDir, 'logto-browser.mjs'), await peerBundle('logto'));
  const provider = await startProvider();
  const config = {};
  const site = await serveStatic({
    mounts: { '/sdk/': join(root, 'js/dist/'), '/peer/': peerDir, '/': join(root, 'bench/pages/') },
    generated: (path) => (path === '/config.js' ? { type: 'text/javascript', body: `window.BENCH = ${JSON.stringify(config)};` } : undefined),
  });
  const site2 = `${site.origin.replace('127.0.0.1', 'localhost')}`;
  const app = cli(provider.dataDir, 'app', 'create', '--name', 'Bench', '--redirect-uri', `${site2}/ours.html`, '--redirect-uri', `${site2}/peer.html`);
  cli(provider.dataDir, 'user', 'create', '--username', 'bench', '--password', 'bench password');
  Object.assign(config, { endpoint: provider.base, appId: app.id });
  const browser = await launchChromium();
  const results = {};
  try {
    for (const which of ['ours', 'peer']) {
      const url = `${site2}/${which}.html`;
      const cold = [];
      for (let i = 0; i < loads; i++) {
        const page = await browser.context.newPage();
        await page.goto(`${url}?load=${i}`);
        cold.push(await page.evaluate(() => window.firstCheck));
        await page.close();
      }
      const callback = [];
      let perSecond = 0;
      for (let i = 0; i < callbacks; i++) {
        const page = await browser.context.newPage();
        await page.goto(url);
        await page.evaluate(() => window.firstCheck);
        const authUrl = new Promise((resolve) =>
          page.on('request', (r) => r.url().includes('/oidc/auth?') && resolve(r.url())),
        );
        await page.evaluate((u) => {
          window.logtoClient.signIn(u); // navigates away; not awaited
        }, url);
        await page.waitForURL(/\/sign-in\?/); // the provider's page; the sign-in is done from Node
        const { callback: back } = await browserSignIn(await authUrl, { identifier: 'bench', password: 'bench password' });
        await page.goto(back);
        await page.evaluate(() => window.firstCheck);
        callback.push(
          await page.evaluate(async () => {
            const t = performance.now();
            await window.logtoClient.handleSignInCallback(location.href);
            return performance.now() - t;
          }),
        );
        if (i === callbacks - 1) {
          const rounds = [];
          for (let round = 0; round < 3; round++) {
            rounds.push(
              await page.evaluate(async () => {
                await window.logtoClient.getAccessToken();
                let n = 0;
                const end = performance.now() + 1000;
                while (performance.now() < end) {
                  await window.logtoClient.getAccessToken();
                  n += 1;
                }
                return n;
              }),
            );
          }
          perSecond = summary(rounds);
        }
        await page.evaluate(() => window.logtoClient.clearAllTokens());
        await page.close();
      }
      results[which] = { cold: summary(cold), callback: summary(callback), cachedPerSecond: perSecond };
    }
  } finally {
    await browser.close();
    await site.close();
    await provider.stop();
    provider.cleanup();
    rmSync(peerDir, { recursive: true, force: true });
  }
  return results;
}
