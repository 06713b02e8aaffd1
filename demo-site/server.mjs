// The demo site's static server: demo-site/ as the site (clean URLs, so /callback serves
// callback.html), the built SDK under /sdk/ (as a CDN would serve it), /config.js made
// from the endpoint and appId, and the Bookstore's protected API under /api/ (api.mjs). Used
// by `npm start` and by the end-to-end test.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

import { BOOKSTORE_API, bookstoreApi } from './api.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const sdkDir = join(here, '../js/dist');
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

// config: {endpoint, appId, siteUrl}, read on every request (a test may fill it in after
// learning the port).
export async function startDemoServer({ port = 3000, host = '127.0.0.1', config }) {
  const api = bookstoreApi(config);
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.startsWith('/api/') && (await api(req, res, path))) return;
    if (path === '/config.js') {
      const configJs = `// Written by the demo server: where the provider is, which application this site is and its API.\nwindow.DEMO_CONFIG = ${JSON.stringify({ ...config, api: BOOKSTORE_API })};\n`;
      res.writeHead(200, { 'content-type': types['.js'], 'cache-control': 'no-store' }).end(configJs);
      return;
    }
    let base = here;
    if (path.startsWith('/sdk/')) {
      base = sdkDir;
      path = path.slice(4);
    } else if (path === '/') {
      path = '/index.html';
    } else if (!extname(path)) {
      path += '.html';
    }
    const file = normalize(join(base, path));
    if (!file.startsWith(base) || file.endsWith('server.mjs')) {
      res.writeHead(404).end('not found');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    url: `http://localhost:${server.address().port}`,
    port: server.address().port,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
