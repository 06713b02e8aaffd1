// The npm package as a user gets it: `npm pack`, install the tarball into a scratch project,
// type-check a usage against its .d.ts, bundle it with esbuild and run the bundle.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
let scratch, files;

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'logto-wasm-pack-'));
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: root, encoding: 'utf8' }),
  );
  files = packed.files.map((f) => f.path).sort();
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(scratch, packed.filename)], {
    cwd: scratch,
    stdio: 'pipe',
  });
});

after(() => rmSync(scratch, { recursive: true, force: true }));

test('the tarball holds the dist files and nothing of the sources', () => {
  assert.deepEqual(files, [
    'README.md',
    'js/dist/index.d.ts',
    'js/dist/logto-split.mjs',
    'js/dist/logto.global.js',
    'js/dist/logto.mjs',
    'js/dist/logto.wasm',
    'package.json',
  ]);
  assert.ok(!files.some((f) => f.startsWith('sdk/') || f.startsWith('bindings/')));
});

test('a TypeScript user type-checks against the shipped .d.ts; misuse is a type error', () => {
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'esnext', moduleResolution: 'bundler', target: 'es2022', lib: ['es2022', 'dom'] } }),
  );
  writeFileSync(
    join(scratch, 'good.ts'),
    `import LogtoClient, { LogtoClientError, Prompt, UserScope, type IdTokenClaims } from 'logto-wasm';
     const client = new LogtoClient({ endpoint: 'https://x', appId: 'a', scopes: [UserScope.Phone], prompt: Prompt.Login });
     export async function f(): Promise<string | undefined> {
       await client.signIn({ redirectUri: 'https://x/cb', firstScreen: 'register' });
       const claims: IdTokenClaims = await client.getIdTokenClaims();
       try { return await client.getAccessToken('https://api'); }
       catch (e) { if (e instanceof LogtoClientError && e.code === 'not_authenticated') return claims.phone_number ?? undefined; throw e; }
     }`,
  );
  execFileSync(process.execPath, [tsc, '-p', scratch], { cwd: scratch, stdio: 'pipe' });
  writeFileSync(join(scratch, 'bad.ts'), `import LogtoClient from 'logto-wasm';\nnew LogtoClient({ endpoint: 'x', appId: 'a' }).getAccessToken(42);\n`);
  assert.throws(
    () => execFileSync(process.execPath, [tsc, '--noEmit', '--strict', '--moduleResolution', 'bundler', '--module', 'esnext', join(scratch, 'bad.ts')], { cwd: scratch, stdio: 'pipe', encoding: 'utf8' }),
    (e) => /bad\.ts.*TS2345/.test(e.stdout),
  );
});

test('esbuild bundles the installed package and the bundle runs', async () => {
  writeFileSync(
    join(scratch, 'app.js'),
    `import LogtoClient, { LogtoClientError } from 'logto-wasm';
     globalThis.window = { localStorage: { getItem: () => null, setItem() {}, removeItem() {} }, sessionStorage: { getItem: () => null, setItem() {}, removeItem() {} } };
     const client = new LogtoClient({ endpoint: 'https://x.test', appId: 'a' });
     export const result = [await client.isAuthenticated(), await new LogtoClient({}).isAuthenticated().catch((e) => e instanceof LogtoClientError && e.code)];`,
  );
  await build({
    absWorkingDir: scratch,
    entryPoints: ['app.js'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    outfile: join(scratch, 'out/app.mjs'),
    logLevel: 'silent',
  });
  assert.deepEqual(readdirSync(join(scratch, 'out')), ['app.mjs']);
  const { result } = await import(join(scratch, 'out/app.mjs'));
  assert.deepEqual(result, [false, 'invalid_config']);
});
