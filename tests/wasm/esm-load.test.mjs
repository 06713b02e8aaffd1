// The ES module the build emits loads under Node 20 exactly as a browser loads it from a CDN:
// `import` then await the factory, with no __dirname and no file:// fetch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';

const modulePath = new URL('../../build/wasm/bindings/logto_wasm.mjs', import.meta.url);

test('the single-file ES module imports and instantiates under Node', async () => {
  const { default: createModule } = await import(modulePath);
  const core = await createModule();
  // RFC 7636 Appendix B, computed by the C++ core inside WebAssembly.
  assert.equal(
    core.codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
    'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  );
});

test('the module carries its wasm inline and no Node-only code', () => {
  const source = readFileSync(fileURLToPath(modulePath), 'utf8');
  assert.match(source, /data:application\/octet-stream;base64,/);
  assert.doesNotMatch(source, /__dirname/);
  assert.doesNotMatch(source, /require\(/);
});
