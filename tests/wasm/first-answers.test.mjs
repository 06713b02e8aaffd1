// A cold page's first isAuthenticated() is answered from the core's own presence rule, recorded
// by the build (scripts/first-answers.mjs), before the WebAssembly core has loaded; the core
// then loads in the background. Each test imports a fresh copy of the bundle (the core is
// loaded once per module instance).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { APP_ID, recordFirstAnswers } from '../../scripts/first-answers.mjs';
import { installFakeWindow } from '../support/fake-window.mjs';

const glue = fileURLToPath(new URL('../../build/wasm/bindings/logto_wasm.mjs', import.meta.url));
const wasmBinary = readFileSync(new URL('../../build/wasm/bindings/logto_wasm.wasm', import.meta.url));
const { window } = installFakeWindow();
const config = { endpoint: 'http://provider.test', appId: 'cold-app' };
const freshBundle = async (tag) => (await import(`../../js/dist/logto.mjs?${tag}`)).default;

// Runs `body` with WebAssembly gone, so anything that needs the core fails.
async function withoutWebAssembly(body) {
  const saved = globalThis.WebAssembly;
  delete globalThis.WebAssembly;
  try {
    return await body();
  } finally {
    globalThis.WebAssembly = saved;
  }
}

test("the build records the core's isAuthenticated rule: the ID token's presence", async () => {
  const answers = await recordFirstAnswers(glue, wasmBinary);
  const key = `logto:${APP_ID}:idToken`;
  assert.deepEqual(answers, {
    isAuthenticated: [
      { present: [[key, false]], value: false },
      { present: [[key, true]], value: true },
    ],
  });
  assert.equal(globalThis.window, window, "the recorder puts the test's window back");
});

test('a cold client answers isAuthenticated without the core, and sees each storage change', async () => {
  const LogtoClient = await freshBundle('cold-answers');
  await withoutWebAssembly(async () => {
    const client = new LogtoClient(config);
    assert.equal(await client.isAuthenticated(), false);
    // Another tab signs in, then out: seen by the next call.
    window.localStorage.setItem('logto:cold-app:idToken', 'header.payload.signature');
    assert.equal(await client.isAuthenticated(), true);
    window.localStorage.setItem('logto:cold-app:idToken', '');
    assert.equal(await client.isAuthenticated(), false, 'an empty value is no ID token, as in the core');
    window.localStorage.removeItem('logto:cold-app:idToken');
    assert.equal(await client.isAuthenticated(), false);
    // Another app's token is not this app's.
    window.localStorage.setItem('logto:other-app:idToken', 'x');
    assert.equal(await client.isAuthenticated(), false);
    window.localStorage.removeItem('logto:other-app:idToken');
    // The answers above came without the core: a call that needs it cannot start it.
    await assert.rejects(client.getIdTokenClaims(), (e) => e.code === 'wasm_unavailable');
  });
});

test('after an answer without it, the core loads in the background', async () => {
  const LogtoClient = await freshBundle('cold-background');
  const saved = WebAssembly.instantiateStreaming;
  let loads = 0;
  WebAssembly.instantiateStreaming = (...args) => ((loads += 1), saved.apply(WebAssembly, args));
  try {
    const client = new LogtoClient(config);
    assert.equal(await client.isAuthenticated(), false);
    assert.equal(loads, 0, 'the answer did not wait for the core');
    for (let i = 0; i < 100 && loads === 0; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(loads, 1, 'the core was loaded without another call');
  } finally {
    WebAssembly.instantiateStreaming = saved;
  }
});

test('storage that cannot be read, or a config without an appId, goes to the core', async () => {
  const LogtoClient = await freshBundle('cold-refusals');
  window.localStorage.failWith = new Error('storage is disabled');
  try {
    await assert.rejects(new LogtoClient(config).isAuthenticated(), (e) => e.code === 'storage_unavailable');
  } finally {
    window.localStorage.failWith = null;
  }
  await assert.rejects(new LogtoClient({ endpoint: 'http://provider.test' }).isAuthenticated(), (e) => {
    assert.equal(e.code, 'invalid_config');
    assert.match(e.message, /appId/);
    return true;
  });
});
