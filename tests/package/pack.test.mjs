// The npm package as a user gets it: `npm pack` of js/, installed into a scratch project; the
// whole @logto/browser API type-checked against it with only the import changed; bundled with
// esbuild and Rollup, and the split build with esbuild, Rollup, Vite and webpack, and run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { build } from 'esbuild';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import url from '@rollup/plugin-url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkgDir = join(root, 'js');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const fixture = readFileSync(join(root, 'tests/package/fixtures/logto-api.ts'), 'utf8');
const tsOptions = { strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', lib: ['es2022', 'dom'] };
let scratch, files;

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'logto-wasm-pack-'));
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: pkgDir, encoding: 'utf8' }),
  );
  files = packed.files.map((f) => f.path).sort();
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(scratch, packed.filename)], {
    cwd: scratch,
    stdio: 'pipe',
  });
});

after(() => rmSync(scratch, { recursive: true, force: true }));

function typeCheck(dir, name, source, extra = {}) {
  writeFileSync(join(dir, `${name}.ts`), source);
  writeFileSync(
    join(dir, `tsconfig.${name}.json`),
    JSON.stringify({ compilerOptions: { ...tsOptions, ...extra }, files: [`${name}.ts`] }),
  );
  return spawnSync(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], { cwd: dir, encoding: 'utf8' });
}

test('the tarball holds what users need and nothing of the sources', () => {
  assert.deepEqual(files, [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'THIRD_PARTY_NOTICES.md',
    'dist/global.d.ts',
    'dist/index.d.ts',
    'dist/logto-crypto.mjs',
    'dist/logto-crypto.mjs.map',
    'dist/logto-split-asset.mjs',
    'dist/logto-split-asset.mjs.map',
    'dist/logto-split-vite.mjs',
    'dist/logto-split-vite.mjs.map',
    'dist/logto-split.mjs',
    'dist/logto-split.mjs.map',
    'dist/logto.global.js',
    'dist/logto.global.js.map',
    'dist/logto.mjs',
    'dist/logto.mjs.map',
    'dist/logto.wasm',
    'dist/logto.wasm.symbols',
    'package.json',
  ]);
  const pkg = JSON.parse(readFileSync(join(scratch, 'node_modules/logto-wasm/package.json'), 'utf8'));
  assert.equal(pkg.private, undefined);
  assert.equal(pkg.scripts, undefined, 'no scripts that call files the tarball does not ship');
  // A bare <script src="https://cdn.jsdelivr.net/npm/logto-wasm"> gets the classic build.
  assert.equal(pkg.unpkg, './dist/logto.global.js');
  assert.equal(pkg.jsdelivr, './dist/logto.global.js');
  assert.equal(pkg.exports['./global'].types, './dist/global.d.ts');
  for (const field of ['repository', 'homepage', 'bugs', 'keywords', 'license']) assert.ok(pkg[field], field);
  const notices = readFileSync(join(scratch, 'node_modules/logto-wasm/THIRD_PARTY_NOTICES.md'), 'utf8');
  assert.match(notices, /Mbed TLS/);
  assert.match(notices, /Apache License\s+Version 2\.0/);
  const readme = readFileSync(join(scratch, 'node_modules/logto-wasm/README.md'), 'utf8');
  assert.match(readme, new RegExp(`cdn\\.jsdelivr\\.net/npm/logto-wasm@${pkg.version}/dist/logto\\.mjs`));
  assert.match(readme, new RegExp(`unpkg\\.com/logto-wasm@${pkg.version}/dist/logto\\.global\\.js`));
  assert.doesNotMatch(readme, /npm start|apt-get|\]\(\.\.?\/(docs|sdk|provider)/, 'a README for users, not for the repository');
});

test('npm publish --dry-run is clean', () => {
  const run = spawnSync('npm', ['publish', '--dry-run'], { cwd: pkgDir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  // Nobody is logged in to the registry here; any other warning is the package's.
  const warnings = run.stderr.split('\n').filter((l) => /npm warn/i.test(l) && !/requires you to be logged in/.test(l));
  assert.deepEqual(warnings, []);
  assert.match(run.stdout + run.stderr, /logto-wasm@\d+\.\d+\.\d+/);
});

test('source maps point at the sources, and the wasm has a symbol map', () => {
  for (const file of ['logto.mjs', 'logto.global.js', 'logto-split.mjs']) {
    const code = readFileSync(join(pkgDir, 'dist', file), 'utf8');
    assert.match(code, new RegExp(`//# sourceMappingURL=${file.replace('.', '\\.')}\\.map\\n?$`));
    const map = JSON.parse(readFileSync(join(pkgDir, 'dist', `${file}.map`), 'utf8'));
    const index = map.sources.findIndex((s) => s.endsWith('src/client.js'));
    assert.ok(index >= 0, `${file}.map lists js/src/client.js`);
    assert.match(map.sourcesContent[index], /class StandardLogtoClient/);
  }
  const symbols = readFileSync(join(pkgDir, 'dist/logto.wasm.symbols'), 'utf8');
  assert.match(symbols, /^\d+:logto::Client::/m);
});

test('the whole @logto/browser API type-checks with --strict, against Logto and against us', () => {
  // The program is valid against the real @logto/browser (the repository's devDependency) ...
  const logto = typeCheck(join(root, 'tests/package/fixtures'), 'logto-api-check', fixture);
  rmSync(join(root, 'tests/package/fixtures/logto-api-check.ts'));
  rmSync(join(root, 'tests/package/fixtures/tsconfig.logto-api-check.json'));
  assert.equal(logto.status, 0, logto.stdout);
  // ... and with only the import changed, against the packed logto-wasm.
  const ours = typeCheck(scratch, 'api', fixture.replace("from '@logto/browser'", "from 'logto-wasm'"));
  assert.equal(ours.status, 0, ours.stdout);
});

test('our own errors are a separate class and union; misuse is a type error', () => {
  const good = typeCheck(
    scratch,
    'ours',
    `import { LogtoWasmError, type LogtoWasmErrorCode } from 'logto-wasm';
     import 'logto-wasm/global';
     export function f(e: unknown): LogtoWasmErrorCode | undefined {
       return e instanceof LogtoWasmError ? e.code : undefined;
     }
     const client = new window.LogtoClient({ endpoint: 'https://a', appId: 'b' });
     export const p: Promise<boolean> = client.isAuthenticated();
     export const err = new LogtoClient.LogtoClientError('not_authenticated');`,
  );
  assert.equal(good.status, 0, good.stdout);
  const bad = typeCheck(
    scratch,
    'bad',
    `import LogtoClient, { LogtoClientError } from 'logto-wasm';
     new LogtoClient({ endpoint: 'x', appId: 'a' }).getAccessToken(42);
     new LogtoClientError('invalid_config');`,
  );
  assert.match(bad.stdout, /bad\.ts\(2,.*TS2345/);
  assert.match(bad.stdout, /bad\.ts\(3,.*TS2345.*invalid_config/);
});

async function esbuildApp(entry, source, options = {}) {
  writeFileSync(join(scratch, entry), source);
  const outdir = join(scratch, `out-${entry.replace(/\W/g, '-')}`);
  await build({
    absWorkingDir: scratch,
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    outdir,
    logLevel: 'silent',
    ...options,
  });
  return outdir;
}

// Node's fetch has no file: URLs; the split build's bundles fetch logto.wasm by one.
async function withFileFetch(run) {
  const original = globalThis.fetch;
  const fetched = [];
  globalThis.fetch = async (input, init) => {
    const href = String(input);
    if (!href.startsWith('file:')) return original(input, init);
    fetched.push(href);
    try {
      return new Response(readFileSync(fileURLToPath(href)));
    } catch {
      return new Response('', { status: 404 });
    }
  };
  try {
    return { result: await run(), fetched };
  } finally {
    globalThis.fetch = original;
  }
}

// Runs a split build's bundle `file` in `dir`: the bundler must have emitted logto.wasm into
// `wasmDir`, and the bundle must fetch exactly that file (compared by `part` of its URL: Vite
// keeps a query on it) and work.
async function runSplitBundle(bundler, dir, file, { wasmDir = dir, part = 'href' } = {}) {
  const wasm = readdirSync(wasmDir).find((f) => f.endsWith('.wasm'));
  assert.ok(wasm, `${bundler} emitted logto.wasm`);
  const { run } = await import(pathToFileURL(join(dir, file)).href);
  const { result, fetched } = await withFileFetch(run); // a call the core itself answers
  assert.equal(result, null);
  assert.deepEqual(
    fetched.map((u) => new URL(u)[part]),
    [pathToFileURL(join(wasmDir, wasm))[part]],
  );
}

const fakeWindow = `globalThis.window = { localStorage: { getItem: () => null, setItem() {}, removeItem() {} }, sessionStorage: { getItem: () => null, setItem() {}, removeItem() {} } };`;

test('esbuild bundles the installed package and the bundle runs', async () => {
  const outdir = await esbuildApp(
    'app.js',
    `import LogtoClient, { LogtoWasmError } from 'logto-wasm';
     ${fakeWindow}
     const client = new LogtoClient({ endpoint: 'https://x.test', appId: 'a' });
     export const result = [await client.isAuthenticated(), await client.getRefreshToken(), await new LogtoClient({}).isAuthenticated().catch((e) => e instanceof LogtoWasmError && e.code)];`,
  );
  assert.deepEqual(readdirSync(outdir), ['app.js']);
  const { result } = await import(pathToFileURL(join(outdir, 'app.js')).href);
  // isAuthenticated answers from the build's record; getRefreshToken needs the core itself.
  assert.deepEqual(result, [false, null, 'invalid_config']);
});

// Without code splitting esbuild inlines every dynamic import, so the mbedTLS fallback (for
// pages without crypto.subtle) would ride in every bundle; with splitting it is its own chunk,
// fetched only where it is needed. The README says so; this keeps it true.
test('esbuild with splitting keeps the crypto fallback out of the main bundle', async () => {
  const source = `import LogtoClient from 'logto-wasm';
     ${fakeWindow}
     export const result = await new LogtoClient({ endpoint: 'https://x.test', appId: 'a' }).getRefreshToken();`;
  const inlined = await esbuildApp('inlined.js', source);
  const split = await esbuildApp('split-main.js', source, { splitting: true });
  const files = readdirSync(split);
  const chunks = files.filter((f) => f !== 'split-main.js');
  assert.equal(chunks.length, 1, `one lazy chunk: ${files}`);
  const size = (file) => readFileSync(file).length;
  const main = size(join(split, 'split-main.js'));
  // The fallback (about 29 KB) is what the two bundles differ by.
  assert.ok(main < size(join(inlined, 'inlined.js')) - 20000, 'the fallback is not in the main bundle');
  assert.match(readFileSync(join(split, chunks[0]), 'utf8'), /verifySignature/);
  const { result } = await import(pathToFileURL(join(split, 'split-main.js')).href);
  assert.equal(result, null);
});

const splitApp = `import LogtoClient from 'logto-wasm/split';
  ${fakeWindow}
  export const run = () => new LogtoClient({ endpoint: 'https://x.test', appId: 'a' }).getRefreshToken();`;

test('split build with esbuild: a build error until .wasm has a loader, then it works', async () => {
  await assert.rejects(esbuildApp('split-plain.js', splitApp), (e) => {
    assert.match(e.message, /No loader is configured for "\.wasm" files: node_modules\/logto-wasm\/dist\/logto\.wasm/);
    return true;
  });
  const outdir = await esbuildApp('split.js', splitApp, { loader: { '.wasm': 'file' } });
  await runSplitBundle('esbuild', outdir, 'split.js');
});

test('split build with Rollup: the documented condition and plugin emit logto.wasm and it works', async () => {
  writeFileSync(join(scratch, 'rollup-split.js'), splitApp);
  const input = join(scratch, 'rollup-split.js');
  const resolve = nodeResolve({ rootDir: scratch, browser: true, exportConditions: ['logto-wasm-asset'] });
  // With the condition but no plugin for .wasm, the build stops instead of a 404 at run time.
  await assert.rejects(rollup({ input, plugins: [resolve], logLevel: 'silent' }), (e) => {
    assert.match(e.message, /plugins to import files that are not JavaScript/);
    return true;
  });
  const bundle = await rollup({ input, plugins: [resolve, url({ include: ['**/*.wasm'], limit: 0 })], logLevel: 'silent' });
  const dir = join(scratch, 'out-rollup');
  await bundle.write({ dir, format: 'es' });
  await runSplitBundle('Rollup', dir, 'rollup-split.js');
});

test('split build with Rollup and no recipe: the build stops and the error names the fix', async () => {
  writeFileSync(join(scratch, 'rollup-plain.js'), splitApp);
  const input = join(scratch, 'rollup-plain.js');
  await assert.rejects(rollup({ input, plugins: [nodeResolve({ rootDir: scratch, browser: true })], logLevel: 'silent' }), (e) => {
    assert.match(e.message, /Could not load .*logto\.wasm\?url&rollup-needs=exportConditions-logto-wasm-asset-and-plugin-url-see-logto-wasm-README/);
    return true;
  });
});

test('split build with Vite: logto.wasm is emitted as an asset and the bundle fetches it', async () => {
  const { build: viteBuild } = await import('vite');
  writeFileSync(join(scratch, 'vite-split.js'), splitApp);
  const outDir = join(scratch, 'out-vite');
  await viteBuild({
    root: scratch,
    base: './',
    logLevel: 'silent',
    configFile: false,
    build: {
      outDir,
      assetsInlineLimit: 0,
      rollupOptions: { input: join(scratch, 'vite-split.js'), preserveEntrySignatures: 'strict', output: { entryFileNames: '[name].js' } },
    },
  });
  await runSplitBundle('Vite', outDir, 'vite-split.js', { wasmDir: join(outDir, 'assets'), part: 'pathname' });
});

test('split build with webpack: logto.wasm is emitted as an asset and the bundle fetches it', async () => {
  const { default: webpack } = await import('webpack');
  writeFileSync(join(scratch, 'webpack-split.mjs'), splitApp);
  const outDir = join(scratch, 'out-webpack');
  const stats = await new Promise((resolve, reject) =>
    webpack(
      {
        mode: 'production',
        context: scratch,
        entry: './webpack-split.mjs',
        experiments: { outputModule: true },
        output: { path: outDir, filename: 'webpack-split.mjs', library: { type: 'module' }, publicPath: '' },
      },
      (err, s) => (err ? reject(err) : resolve(s)),
    ),
  );
  assert.equal(stats.hasErrors(), false, stats.toString('errors-only'));
  await runSplitBundle('webpack', outDir, 'webpack-split.mjs');
});
