// The SDK in headless Chromium, ours against @logto/browser on the same provider and the same
// ES384 key: cold load to the first isAuthenticated() (and to a first getRefreshToken(), which
// ours answers only once its core has loaded), handleSignInCallback wall time, and cached
// getAccessToken() calls per second.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchChromium } from '../tests/support/chromium.mjs';
import { browserSignIn, cli, NO_RATE_LIMITS, startProvider } from '../tests/support/provider-process.mjs';
import { serveStatic } from '../tests/support/static-server.mjs';
import { peerBundle } from './sdk-size.mjs';
import { summary } from './stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

// `cpuThrottle`: Chromium's CPU throttling rate (DevTools' 4× is a mid-range phone). Ours and
// the peer alternate sample by sample (and which goes first), so drift of this noisy machine
// falls on both alike. `insecure`: the pages on http://site.test (mapped to 127.0.0.1), where
// crypto.subtle does not exist; only ours runs there (@logto/browser cannot sign in).
// `latency`: ms added to every request by Chromium's network emulation, as a real network adds a
// round trip's worth to each (loopback answers in about a millisecond).
export async function measureBrowser({ loads = 40, callbacks = 20, cpuThrottle = 1, insecure = false, latency = 0 } = {}) {
  const peerDir = mkdtempSync(join(tmpdir(), 'logto-bench-peer-'));
  writeFileSync(join(peerDir, 'logto-browser.mjs'), await peerBundle('logto'));
  const provider = await startProvider({ settings: NO_RATE_LIMITS });
  const config = {};
  const site = await serveStatic({
    mounts: { '/sdk/': join(root, 'js/dist/'), '/peer/': peerDir, '/': join(root, 'bench/pages/') },
    generated: (path) => (path === '/config.js' ? { type: 'text/javascript', body: `window.BENCH = ${JSON.stringify(config)};` } : undefined),
  });
  const site2 = insecure ? site.origin.replace('127.0.0.1', 'site.test') : site.origin.replace('127.0.0.1', 'localhost');
  const sdks = insecure ? ['ours'] : ['ours', 'peer'];
  const app = cli(provider.dataDir, 'app', 'create', '--name', 'Bench', '--redirect-uri', `${site2}/ours.html`, '--redirect-uri', `${site2}/peer.html`);
  cli(provider.dataDir, 'user', 'create', '--username', 'bench', '--password', 'bench password');
  Object.assign(config, { endpoint: provider.base, appId: app.id });
  const browser = await launchChromium({ args: insecure ? ['--host-resolver-rules=MAP site.test 127.0.0.1'] : [] });
  const newPage = async () => {
    const page = await browser.context.newPage();
    if (cpuThrottle !== 1 || latency) {
      const cdp = await page.context().newCDPSession(page);
      if (cpuThrottle !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
      if (latency) {
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
      }
    }
    return page;
  };
  const order = (i) => (i % 2 ? [...sdks].reverse() : sdks);
  const samples = {};
  for (const which of sdks) samples[which] = { cold: [], coldSdk: [], coldCore: [], callback: [], cached: [] };
  try {
    // Cold loads to the first isAuthenticated(), and to a first call that needs our core.
    for (let i = 0; i < loads; i++) {
      for (const [series, query] of [['cold', ''], ['coldCore', '&first=refresh-token']]) {
        for (const which of order(i)) {
          const page = await newPage();
          await page.goto(`${site2}/${which}.html?load=${i}${query}`);
          const [answered, sdkPart] = await page.evaluate(() => window.firstCheck.then((t) => [t, t - window.firstScript]));
          samples[which][series].push(answered);
          if (series === 'cold') samples[which].coldSdk.push(sdkPart);
          await page.close();
        }
      }
    }
    for (let i = 0; i < callbacks; i++) {
      for (const which of order(i)) {
        const url = `${site2}/${which}.html`;
        const page = await newPage();
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
        samples[which].callback.push(
          await page.evaluate(async () => {
            const t = performance.now();
            await window.logtoClient.handleSignInCallback(location.href);
            return performance.now() - t;
          }),
        );
        if (i === callbacks - 1 || i === callbacks - 2) {
          for (let round = 0; round < 3; round++) {
            samples[which].cached.push(
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
        }
        await page.evaluate(() => window.logtoClient.clearAllTokens());
        await page.close();
      }
    }
    const results = {};
    for (const which of sdks) {
      const s = samples[which];
      results[which] = {
        cold: summary(s.cold),
        coldSdk: summary(s.coldSdk),
        coldCore: summary(s.coldCore),
        callback: summary(s.callback),
        cachedPerSecond: summary(s.cached),
      };
    }
    return results;
  } finally {
    await browser.close();
    await site.close();
    await provider.stop();
    provider.cleanup();
    rmSync(peerDir, { recursive: true, force: true });
  }
}
