// The rehearsal (bindings/rehearsal.hpp): a sign-in callback against canned answers, played in
// stages while the page waits for the network so that V8 compiles the code the real callback
// needs. It must go the whole way under the core's current rules (else it compiles less than
// it should), and it must never touch the page's storage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { createFakeProvider } from '../support/fake-provider.mjs';
import { installFakeWindow, routeFetch } from '../support/fake-window.mjs';

const glue = new URL('../../build/wasm/bindings/logto_wasm.mjs', import.meta.url);
const wasmBinary = readFileSync(new URL('../../build/wasm/bindings/logto_wasm.wasm', import.meta.url));
const { default: createModule } = await import(glue);
const { window, navigations } = installFakeWindow();

test('the rehearsal plays the discovery answer, then the tokens, JWKS and signature, to "done"', async () => {
  const core = await createModule({ wasm: wasmBinary });
  const first = JSON.parse(core.rehearse());
  assert.equal(first.type, 'fetch', JSON.stringify(first));
  assert.equal(first.request.method, 'POST');
  assert.match(first.request.body, /grant_type=authorization_code/);
  const last = JSON.parse(core.rehearse());
  assert.deepEqual(last, { op: 1, type: 'done', value: null });
  assert.equal(core.rehearse(), '', 'nothing is left to play');
  // Its tokens went to the glue's scratch maps, and nowhere else.
  assert.deepEqual([...core.scratch[0].keys()].sort(), ['logto:r:accessToken', 'logto:r:idToken', 'logto:r:refreshToken']);
  assert.deepEqual([...core.scratch[1].keys()], [], 'the sign-in session is removed, as in a real callback');
  assert.deepEqual(window.localStorage.keys(), []);
  assert.deepEqual(window.sessionStorage.keys(), []);
});

test("a page whose storage refuses every call does not stop the rehearsal: it never uses it", async () => {
  const core = await createModule({ wasm: wasmBinary });
  const refusal = Object.assign(new Error('The operation is insecure.'), { name: 'SecurityError' });
  window.localStorage.failWith = refusal;
  window.sessionStorage.failWith = refusal;
  try {
    assert.equal(JSON.parse(core.rehearse()).type, 'fetch');
    assert.equal(JSON.parse(core.rehearse()).type, 'done');
  } finally {
    window.localStorage.failWith = null;
    window.sessionStorage.failWith = null;
  }
});

test('a real callback through the SDK, rehearsal and all, leaves only the app\'s own keys', async () => {
  const provider = await createFakeProvider({ base: 'http://provider.test', appId: 'app1' });
  routeFetch((request) => provider.handle(request));
  const { default: LogtoClient } = await import('../../js/dist/logto.mjs');
  const client = new LogtoClient({ endpoint: 'http://provider.test', appId: 'app1' });
  await client.signIn('http://site.test/callback');
  await client.handleSignInCallback(provider.authorize(navigations.at(-1)));
  assert.equal((await client.getIdTokenClaims()).sub, provider.state.sub);
  assert.deepEqual(window.localStorage.keys(), ['logto:app1:accessToken', 'logto:app1:idToken', 'logto:app1:refreshToken']);
  assert.deepEqual(window.sessionStorage.keys(), []);
});

test('the SDK rehearses while a token operation waits for the network, and not for signIn', async () => {
  const provider = await createFakeProvider({ base: 'http://provider.test', appId: 'app2' });
  const requests = routeFetch((request) => provider.handle(request));
  // The glue keeps the rehearsal's storage in Maps it makes on first use: record what goes in,
  // and how many requests were out by then.
  const writes = [];
  const RealMap = globalThis.Map;
  globalThis.Map = class extends RealMap {
    set(key, value) {
      if (String(key).startsWith('logto:r:')) writes.push({ key, requestsOut: requests.length });
      return super.set(key, value);
    }
  };
  try {
    // A module of its own, so that its core has not rehearsed yet.
    const { default: LogtoClient } = await import('../../js/dist/logto.mjs?rehearsal-wiring');
    const client = new LogtoClient({ endpoint: 'http://provider.test', appId: 'app2' });
    await client.signIn('http://site.test/callback');
    assert.deepEqual(writes, [], 'signIn navigates away: nothing to rehearse for');
    const before = requests.length;
    await client.handleSignInCallback(provider.authorize(navigations.at(-1)));
    const keys = writes.map((w) => w.key);
    assert.ok(keys.includes('logto:r:signInSession'), `the first stage ran: ${keys}`);
    assert.ok(keys.includes('logto:r:idToken'), `the second stage ran: ${keys}`);
    assert.ok(writes[0].requestsOut > before, 'the first stage ran once the first request was out');
    assert.equal((await client.getIdTokenClaims()).sub, provider.state.sub);
  } finally {
    globalThis.Map = RealMap;
  }
});
