// The client module's Json::parse is the browser's JSON.parse, handed to the core as a tape
// (bindings/browser_json.cpp). These drive it through the core: a stored ID token whose payload
// we write byte by byte, read back by getIdTokenClaims (the core decodes the payload, checks the
// claims @logto/js asserts, and returns them), and discovery documents for getOidcConfig. Each
// rule the core's own reader (sdk/logto/encoding/json_reader.cpp) keeps is checked here too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { installFakeWindow } from '../support/fake-window.mjs';

const glue = new URL('../../build/wasm/bindings/logto_wasm.mjs', import.meta.url);
const wasmBinary = readFileSync(new URL('../../build/wasm/bindings/logto_wasm.wasm', import.meta.url));
const { default: createModule } = await import(glue);
const core = await createModule({ wasm: wasmBinary });
const { window } = installFakeWindow();

const b64 = (bytes) => Buffer.from(bytes).toString('base64url');
const base = '"iss":"https://p.test/oidc","sub":"u1","aud":"a","exp":2000000000,"iat":1000000000';

// The claims the core returns for a stored ID token whose payload is exactly `payload` (a
// string, or bytes), or its error.
function claimsOf(payload) {
  window.localStorage.setItem('logto:a:idToken', `${b64('{"alg":"ES256"}')}.${b64(payload)}.${b64('sig')}`);
  const handle = core.create(JSON.stringify({ endpoint: 'https://p.test', appId: 'a' }));
  try {
    const step = JSON.parse(core.start(handle, 'getIdTokenClaims', '[]'));
    return step.type === 'done' ? { value: step.value } : { error: step.error };
  } finally {
    core.destroy(handle);
  }
}

test('values arrive as JSON.parse reads them', () => {
  const { value } = claimsOf(`{${base},"s":"a\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9😀","n":[0,-0,1.0,1E2,-12.5e-1,123456789012345678901234567890],"b":[true,false,null],"o":{"x":{"y":[]}},"e":{}}`);
  assert.equal(value.s, 'a"\\/\b\f\n\r\té😀');
  assert.deepEqual(value.n, [0, -0, 1, 100, -1.25, 123456789012345678901234567890]);
  assert.ok(Object.is(value.n[1], -0), '-0 keeps its sign');
  assert.deepEqual(value.b, [true, false, null]);
  assert.deepEqual(value.o, { x: { y: [] } });
  assert.deepEqual(value.e, {});
});

test('a repeated key keeps its first place and its last value', () => {
  const { value } = claimsOf(`{"k":1,${base},"k":2}`);
  assert.equal(value.k, 2);
  assert.equal(Object.keys(value)[0], 'k');
});

test('a __proto__ member is an ordinary claim', () => {
  const { value } = claimsOf(`{${base},"__proto__":{"polluted":true}}`);
  assert.deepEqual(Object.getOwnPropertyDescriptor(value, '__proto__')?.value, { polluted: true });
  assert.equal({}.polluted, undefined);
});

test('nesting to depth 128 is read, 129 is refused', () => {
  const nested = (depth) => `{${base},"x":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  assert.equal(claimsOf(nested(128)).value.x.length, 1);
  const { error } = claimsOf(nested(129));
  assert.equal(error.code, 'id_token.invalid_token');
  assert.match(error.message, /payload is not a JSON object/);
});

test('invalid UTF-8 in a string becomes U+FFFD; outside one it is not JSON', () => {
  const bytes = Buffer.concat([Buffer.from(`{${base},"s":"a`), Buffer.from([0xff, 0xc0, 0xaf]), Buffer.from('b"}')]);
  assert.equal(claimsOf(bytes).value.s, 'a\ufffd\ufffd\ufffdb');
  const outside = Buffer.concat([Buffer.from(`{${base}}`), Buffer.from([0xff])]);
  assert.match(claimsOf(outside).error.message, /payload is not a JSON object/);
});

test('a lone surrogate escape becomes U+FFFD, a pair its character', () => {
  const { value } = claimsOf(`{${base},"lone":"\\ud800x","pair":"\\ud83d\\ude00"}`);
  assert.equal(value.lone, '\ufffdx');
  assert.equal(value.pair, '😀');
});

test('what is not JSON is refused: infinite numbers, a byte-order mark, JavaScript literals, trailing text', () => {
  for (const payload of [
    `{${base},"n":1e400}`,
    `{${base},"n":-1e400}`,
    `\ufeff{${base}}`,
    `{${base},"n":NaN}`,
    `{${base},"n":Infinity}`,
    `{${base},"n":01}`,
    `{${base},'s':1}`,
    `{${base}} x`,
    `{${base},}`,
    `{${base},"s":"raw\ttab"}`,
    '',
  ]) {
    const { error } = claimsOf(payload);
    assert.equal(error?.code, 'id_token.invalid_token', payload);
    assert.match(error.message, /payload is not a JSON object/, payload);
  }
  // The largest finite number is a number.
  assert.equal(claimsOf(`{${base},"n":1.7976931348623157e308}`).value.n, 1.7976931348623157e308);
});

test('a response that is not JSON is named as such', () => {
  const handle = core.create(JSON.stringify({ endpoint: 'https://p.test', appId: 'a' }));
  const deep = `{"issuer":${'['.repeat(200000)}${']'.repeat(200000)}}`;
  for (const [body, expected] of [
    ['<!doctype html><p>hi', /got an HTML page/],
    ['{"issuer": ', /got 11 bytes that are not JSON/],
    // Far deeper than the 128 levels: refused without exhausting any stack.
    [deep, new RegExp(`got ${deep.length} bytes that are not JSON`)],
  ]) {
    const fetchStep = JSON.parse(core.start(handle, 'getOidcConfig', '[]'));
    const failed = JSON.parse(core.resume(handle, fetchStep.op, 200, body, ''));
    assert.equal(failed.error.code, 'unexpected_response_error');
    assert.match(failed.error.message, expected);
    assert.equal(failed.error.data.reason, 'response.not_json');
  }
  core.destroy(handle);
});
