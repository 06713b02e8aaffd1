// The Console's weight and first load: the bytes its first screen downloads (shell, stylesheet,
// every module, the SDK), each gzip -9 as a server would send it, and the time from navigation
// to the sign-in button in Chromium (as is and with 4× CPU throttling). There is no peer run
// here (Logto's Console needs its own server and database); the figures stand alone.
import { gzipSync } from 'node:zlib';

import { launchChromium } from '../tests/support/chromium.mjs';
import { startProvider } from '../tests/support/provider-process.mjs';
import { summary } from './stats.mjs';

export async function measureConsole({ loads = 15 } = {}) {
  const provider = await startProvider();
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const files = new Map();
    page.on('response', async (response) => {
      if (!response.url().startsWith(provider.base)) return;
      try {
        files.set(new URL(response.url()).pathname, await response.body());
      } catch {}
    });
    await page.goto(`${provider.base}/console`);
    await page.locator('#sign-in').waitFor();
    page.removeAllListeners('response');
    const bodies = [...files.values()];
    const bytes = {
      files: files.size,
      raw: bodies.reduce((n, b) => n + b.length, 0),
      gzip: bodies.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
      sdkGzip: gzipSync(files.get('/console/sdk/logto.mjs') ?? Buffer.alloc(0), { level: 9 }).length,
    };
    const firstLoad = {};
    for (const cpu of [1, 4]) {
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
      const times = [];
      for (let i = 0; i < loads; i++) {
        await page.goto('about:blank');
        const start = Date.now();
        await page.goto(`${provider.base}/console`);
        await page.locator('#sign-in').waitFor();
        times.push(Date.now() - start);
      }
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      firstLoad[cpu] = summary(times);
    }
    return { bytes, firstLoad };
  } finally {
    await browser.close();
    await provider.stop();
    provider.cleanup();
  }
}
