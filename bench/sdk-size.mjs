// Bytes a page downloads: our single-file module (and the split variant) against the peers,
// each bundled and minified with esbuild the way a user would ship it.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));

async function bundle(source) {
  const out = await build({
    stdin: { contents: source, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return Buffer.from(out.outputFiles[0].contents);
}

const sizes = (buffers) => ({
  raw: buffers.reduce((n, b) => n + b.length, 0),
  gzip: buffers.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
});

export async function measureSizes() {
  const dist = join(root, 'js/dist');
  const peers = {
    '@logto/browser 3': `import LogtoClient from '@logto/browser'; window.C = LogtoClient;`,
    'oidc-client-ts 3': `import { UserManager } from 'oidc-client-ts'; window.C = UserManager;`,
    '@auth0/auth0-spa-js 2': `import { createAuth0Client } from '@auth0/auth0-spa-js'; window.C = createAuth0Client;`,
  };
  const rows = [
    { name: 'logto-wasm (logto.mjs, wasm inside)', ...sizes([readFileSync(join(dist, 'logto.mjs'))]) },
    { name: 'logto-wasm split (logto-split.mjs + logto.wasm)', ...sizes([readFileSync(join(dist, 'logto-split.mjs')), readFileSync(join(dist, 'logto.wasm'))]) },
    { name: 'logto-wasm classic (logto.global.js)', ...sizes([readFileSync(join(dist, 'logto.global.js'))]) },
    { name: 'logto-wasm on an insecure origin (logto.mjs + logto-crypto.mjs)', ...sizes([readFileSync(join(dist, 'logto.mjs')), readFileSync(join(dist, 'logto-crypto.mjs'))]) },
  ];
  for (const [name, source] of Object.entries(peers)) rows.push({ name, ...sizes([await bundle(source)]) });
  return rows;
}

export async function peerBundle(name) {
  const sources = { logto: `import LogtoClient from '@logto/browser'; export default LogtoClient;` };
  return bundle(sources[name]);
}
