// A static file server on a free loopback port: `mounts` maps URL prefixes to folders, and
// `headers(path)` may add response headers (a CSP for one page, say) and `generated(path)` may
// answer a path with {type, body} made on the fly. Test scaffolding.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
};

export async function serveStatic({ mounts, headers = () => ({}), generated = () => undefined }) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const made = generated(path);
    if (made) {
      res.writeHead(200, { 'content-type': made.type, 'cache-control': 'no-store' }).end(made.body);
      return;
    }
    const prefix = Object.keys(mounts)
      .sort((a, b) => b.length - a.length)
      .find((p) => path.startsWith(p));
    const relative = prefix === undefined ? null : normalize(path.slice(prefix.length));
    if (relative === null || relative.startsWith('..')) {
      res.writeHead(404).end('not found');
      return;
    }
    try {
      const body = await readFile(join(mounts[prefix], relative));
      res.writeHead(200, {
        'content-type': types[extname(relative)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...headers(path),
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
