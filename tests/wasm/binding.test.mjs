// The embind binding itself, loaded from the build tree with the .wasm bytes handed in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { installFakeWindow } from '../support/fake-window.mjs';

const glue = new URL('../../build/wasm/bindings/logto_wasm.mjs', import.meta.url);
const wasmBinary = readFileSync(new URL('../../build/wasm/bindings/logto_wasm.wasm', import.meta.url));
const { default: createModule } = await import(glue);
const core = await createModule({ wasm: wasmBinary });
const { window } = installFakeWindow();

// A client is a handle; these are the calls js/src/core.js makes with it.
function createCoreClient(module, config) {
  const handle = module.create(JSON.stringify(config));
  return {
    handle,
    start: (method, args) => module.start(handle, method, args),
    resume: (op, status, body, message) => module.resume(handle, op, status, body, message),
  };
}

test('RFC 7636 Appendix B through the binding', () => {
  assert.equal(
    core.codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
    'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  );
});

test('steps are JSON with an operation id; storage reads go to window.localStorage', () => {
  const client = createCoreClient(core, { endpoint: 'http://p.test', appId: 'a' });
  window.localStorage.setItem('logto:a:idToken', 'x.y.z');
  assert.deepEqual(JSON.parse(client.start('getIdToken', '[]')), {
    op: 1,
    type: 'done',
    value: 'x.y.z',
  });
  const fetchStep = JSON.parse(client.start('getOidcConfig', '[]'));
  assert.equal(fetchStep.type, 'fetch');
  assert.equal(fetchStep.request.url, 'http://p.test/oidc/.well-known/openid-configuration');
  const failed = JSON.parse(client.resume(fetchStep.op, 500, 'oops', 'Internal Server Error'));
  assert.equal(failed.type, 'failed');
  assert.deepEqual(failed.error, { class: 'LogtoRequestError', code: 'http_error_500', message: 'oops', status: 500 });
  assert.equal(JSON.parse(client.resume(fetchStep.op, 200, '{}', '')).error.code, 'internal_error');
  core.destroy(client.handle);
});

test('an invalid config fails every operation with invalid_config, never the constructor', () => {
  const client = createCoreClient(core, { endpoint: 42 });
  const step = JSON.parse(client.start('isAuthenticated', '[]'));
  assert.equal(step.type, 'failed');
  // Ours, not Logto's: the class keeps Logto's code unions as they are.
  assert.equal(step.error.class, 'LogtoWasmError');
  assert.equal(step.error.code, 'invalid_config');
  core.destroy(client.handle);
});

test('unknown methods and non-string arguments are refused with a message', () => {
  const client = createCoreClient(core, { endpoint: 'http://p.test', appId: 'a' });
  assert.equal(JSON.parse(client.start('stealTokens', '[]')).error.code, 'internal_error');
  const bad = JSON.parse(client.start('getAccessToken', '[42]'));
  assert.equal(bad.error.code, 'invalid_config');
  assert.match(bad.error.message, /Expected a string for resource, got 42/);
  core.destroy(client.handle);
});

test('verifyJws checks a signature alone: a real ES384 token passes, a tampered one fails', async () => {
  const { webcrypto } = await import('node:crypto');
  const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, true, ['sign', 'verify']);
  const jwk = { ...(await webcrypto.subtle.exportKey('jwk', keys.publicKey)), kid: 'k', alg: 'ES384' };
  const b64 = (v) => Buffer.from(v).toString('base64url');
  const input = `${b64(JSON.stringify({ alg: 'ES384', kid: 'k' }))}.${b64(JSON.stringify({ sub: 'u' }))}`;
  const signature = await webcrypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-384' }, keys.privateKey, Buffer.from(input));
  const token = `${input}.${b64(new Uint8Array(signature))}`;
  const jwks = JSON.stringify({ keys: [jwk] });
  assert.equal(core.verifyJws(token, jwks), true);
  assert.equal(core.verifyJws(`${input.slice(0, -2)}x${input.slice(-1)}.${token.split('.')[2]}`, jwks), false);
  assert.equal(core.verifyJws('not a token', jwks), false);
});

test('a destroyed or unknown handle is refused with internal_error, not a crash', () => {
  const client = createCoreClient(core, { endpoint: 'http://p.test', appId: 'a' });
  core.destroy(client.handle);
  for (const handle of [client.handle, 0, -1, 9999]) {
    const step = JSON.parse(core.start(handle, 'isAuthenticated', '[]'));
    assert.equal(step.type, 'failed');
    assert.equal(step.error.code, 'internal_error');
    assert.match(step.error.message, new RegExp(`No client with handle ${handle}`));
    assert.equal(JSON.parse(core.resume(handle, 1, 200, '{}', '')).error.code, 'internal_error');
  }
  core.cancel(client.handle, 1);  // nothing to cancel: no effect, no error
});
