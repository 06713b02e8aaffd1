// Bundles js/src with the Emscripten glue into js/dist/ and prints what a page downloads.
//   logto.mjs         ES module, wasm embedded (CDN, <script type="module">, npm default)
//   logto.global.js   classic script defining window.LogtoClient, wasm embedded
//   logto-split.mjs   ES module that fetches logto.wasm next to itself, found by
//                     `new URL(..., import.meta.url)` (no bundler; "logto-wasm/split" in webpack)
//   logto-split-vite.mjs  the same, taking logto.wasm's URL from Vite's `?url` import
//                     ("logto-wasm/split" under the development/production conditions: Vite
//                     serves and emits it in dev and build, while Rollup, which sets the same
//                     conditions, stops the build on an import whose query says what to do)
//   logto-split-asset.mjs  the same, importing logto.wasm as an asset URL ("logto-wasm/split"
//                     in esbuild, and in Rollup with our condition: both need a loader for .wasm,
//                     a build error until it is configured, instead of a 404 at run time)
//   logto.wasm        the core, for the split module
//   logto-crypto.mjs  the mbedTLS signature check, imported only where crypto.subtle is missing
//   index.d.ts        types of the whole API; global.d.ts: window.LogtoClient
//   *.map             source maps of the JS; logto.wasm.symbols: wasm function names by index
// esbuild is driven through its JS API: npm here does not run its install script.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { gzipAsync } from '@gfx/zopfli';
import { minify } from 'terser';

import { APP_ID, recordFirstAnswers } from './first-answers.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const glue = join(root, 'build/wasm/bindings/logto_wasm.mjs');
const wasm = join(root, 'build/wasm/bindings/logto_wasm.wasm');
const symbols = join(root, 'build/wasm/bindings/logto_wasm.symbols');
// The mbedTLS signature check for pages without crypto.subtle (bindings/crypto_fallback.cpp).
const cryptoGlue = join(root, 'build/wasm/bindings/logto_crypto.mjs');
const cryptoWasm = join(root, 'build/wasm/bindings/logto_crypto.wasm');
const dist = join(root, 'js/dist');

for (const file of [glue, wasm, symbols, cryptoGlue, cryptoWasm]) {
  try {
    statSync(file);
  } catch {
    console.error(`[logto-wasm] ${file} is missing: run 'npm run build' (it builds the WASM tree).`);
    process.exit(1);
  }
}

// gzip then base64: gzip keeps the embedded copy close to the .wasm's own transfer size, where
// base64 of the raw bytes would compress about 30% worse. The gzip stream is made by Zopfli,
// whose exhaustive search writes ordinary deflate (DecompressionStream reads it) about 6%
// smaller than zlib's -9 (docs/wasm-size.md).
const gzipBase64 = async (file) =>
  Buffer.from(await gzipAsync(readFileSync(file), { numiterations: 15 })).toString('base64');
const embeddedData = { core: await gzipBase64(wasm), crypto: await gzipBase64(cryptoWasm) };
// What the core lets a cold page know before it loads (scripts/first-answers.mjs).
const firstAnswers = await recordFirstAnswers(glue, readFileSync(wasm));

const binarySources = {
  embedded: () => `
    import { data } from 'logto-wasm:data';
    export async function loadWasmBinary() {
      if (typeof DecompressionStream !== 'function') {
        throw new Error('this browser has no DecompressionStream (it needs Chrome 80, Firefox 113, Safari 16.4 or later)');
      }
      // Measured in Chromium (docs/performance.md): the native base64 decoder takes 0.1 ms where
      // Uint8Array.from(atob(...), mapper) took 9.5; one write into the DecompressionStream
      // 0.8 ms where piping a Blob's stream took 13.7.
      let bytes = Uint8Array.fromBase64?.(data);
      if (!bytes) {
        const text = atob(data);
        bytes = new Uint8Array(text.length);
        for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      }
      const inflate = new DecompressionStream('gzip');
      const writer = inflate.writable.getWriter();
      writer.write(bytes);
      writer.close();
      // Compiled as it inflates (bindings/js/minimal-runtime-pre.js).
      return new Response(inflate.readable, { headers: { 'content-type': 'application/wasm' } });
    }`,
  split: () => `
    export async function loadWasmBinary() {
      const url = new URL('./logto.wasm', import.meta.url);
      const response = await fetch(url);
      if (!response.ok) {
        throw new Error(\`HTTP \${response.status} fetching \${url}: logto.wasm must be served next to this module; a bundler that does not emit it (Rollup, esbuild) needs the recipe in logto-wasm's README, "The split build"\`);
      }
      return response; // compiled as it downloads (bindings/js/minimal-runtime-pre.js)
    }`,
  // Vite's own `?url` import. The second query parameter is for Rollup: it resolves this file
  // too (its resolver sets Vite's conditions) but cannot load the import, and its error prints
  // the specifier, so the specifier names the fix. Vite ignores it beyond keeping it in the URL.
  vite: () => `
    import wasmUrl from './logto.wasm?url&rollup-needs=exportConditions-logto-wasm-asset-and-plugin-url-see-logto-wasm-README';
    export async function loadWasmBinary() {
      const url = new URL(wasmUrl, import.meta.url);
      const response = await fetch(url);
      if (!response.ok) throw new Error(\`HTTP \${response.status} fetching \${url}: is logto.wasm emitted with your bundle?\`);
      return response; // compiled as it downloads (bindings/js/minimal-runtime-pre.js)
    }`,
  // The bundler emits the file and gives its URL, relative to the output bundle (esbuild's
  // file loader, @rollup/plugin-url), or absolute.
  asset: () => `
    import wasmUrl from './logto.wasm';
    export async function loadWasmBinary() {
      const url = new URL(wasmUrl, import.meta.url);
      const response = await fetch(url);
      if (!response.ok) throw new Error(\`HTTP \${response.status} fetching \${url}: is logto.wasm emitted next to your bundle?\`);
      return response; // compiled as it downloads (bindings/js/minimal-runtime-pre.js)
    }`,
};

// How a build finds logto-crypto.mjs, fetched only where crypto.subtle is missing: next to
// the module (a literal import(), which bundlers of our package turn into a lazy chunk), or,
// from a classic script, next to the script's own URL.
const fallbackLoaders = {
  module: `export const loadCryptoFallback = () => import('./logto-crypto.mjs');`,
  classic: `
    const base = typeof document === 'object' && document.currentScript?.src || self.location.href;
    export const loadCryptoFallback = () => import(new URL('./logto-crypto.mjs', base).href);`,
};

function corePlugin(variant, { glue: gluePath = glue, data = embeddedData.core, loader = 'module' } = {}) {
  return {
    name: 'logto-wasm-core',
    setup(b) {
      b.onResolve({ filter: /^logto-wasm:glue$/ }, () => ({ path: gluePath }));
      b.onResolve({ filter: /^\.\/logto\.wasm(\?.*)?$/ }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: /^\.\/logto-crypto\.mjs$/ }, (args) => ({ path: args.path, external: true }));
      b.onResolve({ filter: /^logto-wasm:(binary|crypto-fallback|data|first-answers)$/ }, (args) => ({ path: args.path, namespace: 'virtual' }));
      b.onLoad({ filter: /.*/, namespace: 'virtual' }, (args) => ({
        contents: {
          'logto-wasm:binary': () => binarySources[variant](),
          'logto-wasm:crypto-fallback': () => fallbackLoaders[loader],
          'logto-wasm:first-answers': () =>
            `export const firstAnswers = ${JSON.stringify(firstAnswers)}, placeholder = ${JSON.stringify(APP_ID)};`,
          // Imported first by each entry, so the bundle begins with it (see js/src/index.js).
          'logto-wasm:data': () => (variant === 'embedded' ? `export const data = ${JSON.stringify(data)};` : 'export {};'),
        }[args.path](),
        resolveDir: dist,
        loader: 'js',
      }));
    },
  };
}

const common = {
  // V8's explicit compile hint (Chrome 136+, a comment elsewhere): compile every function of the
  // file while it loads, off the main thread, instead of each on its first call. The core's
  // first calls run most of the glue and client code, so page start-up stops compiling them one
  // by one on the main thread: cold load 1.19x -> 1.17x of @logto/browser at 4x CPU over 60
  // loads each, no change at 1x (docs/performance.md). A bundler re-bundling the package drops
  // it with the comments.
  banner: { js: '//# allFunctionsCalledOnLoad' },
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  target: 'es2022',
  logLevel: 'warning',
};

// esbuild bundles; Terser then minifies its output once more, its source map chained onto
// esbuild's. Terser's compression and its mangler, which gives the most used names the shortest
// letters, take 0.4 KB gzip off what esbuild's minifier leaves (docs/wasm-size.md). Comments are
// dropped but V8's compile hint (the banner) and the source map link, which Terser writes anew.
async function reminify(file, isModule) {
  const code = readFileSync(file, 'utf8');
  const map = readFileSync(`${file}.map`, 'utf8');
  const mapName = `${basename(file)}.map`;
  const result = await minify(code.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'), {
    module: isModule,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false, preamble: common.banner.js },
    sourceMap: { content: map, url: mapName, includeSources: true },
  });
  writeFileSync(file, `${result.code}\n`);
  writeFileSync(`${file}.map`, result.map);
}

mkdirSync(dist, { recursive: true });
const outputs = [
  { entry: 'index.js', format: 'esm', outfile: 'logto.mjs', variant: 'embedded' },
  { entry: 'index.js', format: 'esm', outfile: 'logto-split.mjs', variant: 'split' },
  { entry: 'index.js', format: 'esm', outfile: 'logto-split-vite.mjs', variant: 'vite' },
  { entry: 'index.js', format: 'esm', outfile: 'logto-split-asset.mjs', variant: 'asset' },
  // A classic script has no import.meta; the glue only uses it as a base URL it never fetches.
  { entry: 'global.js', format: 'iife', outfile: 'logto.global.js', variant: 'embedded', define: { 'import.meta.url': 'self.location.href' }, options: { loader: 'classic' } },
  { entry: 'crypto-fallback.js', format: 'esm', outfile: 'logto-crypto.mjs', variant: 'embedded', options: { glue: cryptoGlue, data: embeddedData.crypto } },
];
for (const { entry, format, outfile, variant, define, options } of outputs) {
  await build({
    ...common,
    entryPoints: [join(root, 'js/src', entry)],
    format,
    define,
    outfile: join(dist, outfile),
    plugins: [corePlugin(variant, options)],
  });
  await reminify(join(dist, outfile), format === 'esm');
}
copyFileSync(wasm, join(dist, 'logto.wasm'));
copyFileSync(symbols, join(dist, 'logto.wasm.symbols'));
for (const types of ['index.d.ts', 'global.d.ts']) copyFileSync(join(root, 'js/src', types), join(dist, types));

// What a page downloads for each way of loading the SDK.
const sizes = (files) => {
  const bytes = files.map((f) => readFileSync(join(dist, f)));
  const raw = bytes.reduce((n, b) => n + b.length, 0);
  const gzip = bytes.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
  return { raw, gzip };
};
const rows = [
  ['logto.mjs (ES module, wasm inside)', ['logto.mjs']],
  ['logto.global.js (classic script)', ['logto.global.js']],
  ['logto-split.mjs + logto.wasm', ['logto-split.mjs', 'logto.wasm']],
  ['+ logto-crypto.mjs (insecure origins only)', ['logto-crypto.mjs']],
];
const report = { generated: new Date().toISOString(), files: {} };
console.log('[logto-wasm] what a page downloads (bytes):');
for (const [label, files] of rows) {
  const { raw, gzip } = sizes(files);
  report.files[files.join(' + ')] = { raw, gzip };
  console.log(`  ${label.padEnd(38)} raw ${String(raw).padStart(7)}   gzip -9 ${String(gzip).padStart(6)}`);
}
writeFileSync(join(dist, 'sizes.json'), `${JSON.stringify(report, null, 2)}\n`);
