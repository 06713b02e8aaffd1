// The test pages' site with both SDKs on it: our built package under /dist/ and the real
// @logto/browser, bundled by esbuild as a user would ship it, at /logto-browser.mjs.
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

import { serveStatic } from './static-server.mjs';

export async function serveSiteWithPeer() {
  const [bundle] = (
    await build({ entryPoints: ['@logto/browser'], bundle: true, format: 'esm', write: false, logLevel: 'silent' })
  ).outputFiles;
  return serveStatic({
    mounts: {
      '/dist/': fileURLToPath(new URL('../../js/dist/', import.meta.url)),
      '/': fileURLToPath(new URL('../browser/pages/', import.meta.url)),
    },
    generated: (path) => (path === '/logto-browser.mjs' ? { type: 'text/javascript', body: bundle.text } : undefined),
  });
}
