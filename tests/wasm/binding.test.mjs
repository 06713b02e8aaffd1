// The embind binding itself, loaded from the build tree with the .wasm bytes handed in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
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

// SHA-256 is a step the host performs: the core hashes nothing itself, and the mbedTLS module
// (logto-crypto.mjs) answers where crypto.subtle is missing.
test('RFC 7636 Appendix B through the mbedTLS module; the core module has no SHA-256', async () => {
  const fallback = await import('../../js/dist/logto-crypto.mjs');
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  assert.equal(await fallback.codeChallenge(verifier), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  assert.equal(await fallback.sha256(verifier), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  assert.equal(await fallback.sha256('é'), createHash('sha256').update('é').digest('base64url'));
  assert.equal(await fallback.codeChallenge('too-short'), '');
  assert.equal(core.codeChallenge, undefined);
});

test('sign-in hashes its verifier through a digest step and checks the answer', () => {
  const config = { endpoint: 'http://p.test', appId: 'a' };
  const discovery = JSON.stringify({ issuer: 'http://p.test/oidc', authorization_endpoint: 'http://p.test/oidc/auth', token_endpoint: 'http://p.test/oidc/token', jwks_uri: 'http://p.test/oidc/jwks' });
  const toDigest = (client) => {
    let step = JSON.parse(client.start('signIn', JSON.stringify(['http://app.test/cb'])));
    if (step.type === 'fetch') step = JSON.parse(client.resume(step.op, 200, discovery, '')); // once
    assert.equal(step.type, 'digest');
    return step;
  };
  const client = createCoreClient(core, config);
  const step = toDigest(client);
  const challenge = createHash('sha256').update(step.data).digest('base64url');
  const navigate = JSON.parse(client.resume(step.op, 1, challenge, ''));
  assert.equal(navigate.type, 'navigate');
  assert.equal(new URL(navigate.url).searchParams.get('code_challenge'), challenge);
  const session = JSON.parse(window.sessionStorage.getItem('logto:a:signInSession'));
  assert.equal(session.codeVerifier, step.data);
  window.sessionStorage.removeItem('logto:a:signInSession');
  // A wrong answer is refused, and nothing is saved.
  for (const [status, body] of [[1, 'abc'], [1, challenge.slice(1)], [0, challenge]]) {
    const refused = JSON.parse(client.resume(toDigest(client).op, status, body, ''));
    assert.equal(refused.type, 'failed');
    assert.equal(refused.error.code, 'internal_error');
    assert.match(refused.error.message, /The SHA-256 of the PKCE verifier came back as ".*", not 32 bytes in base64url\./);
    assert.equal(refused.error.data.reason, 'digest.invalid');
    assert.equal(window.sessionStorage.getItem('logto:a:signInSession'), null);
  }
  core.destroy(client.handle);
});

test('steps are JSON with an operation id; storage reads go to window.localStorage', () => {
  const client = createCoreClient(core, { endpoint: 'http://p.test', appId: 'a' });
  window.localStorage.setItem('logto:a:idToken', 'x.y.z');
  assert.deepEqual(JSON.parse(client.start('getIdToken', '[]')), {
    op: 1,
    type: 'done',
    value: 'x.y.z',
    memo: { reads: [['logto:a:idToken', 'x.y.z']] },
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
  // The one-string methods name their argument from the method table.
  const badUrl = JSON.parse(client.start('handleSignInCallback', '[{"href":"x"}]'));
  assert.equal(badUrl.error.code, 'invalid_config');
  assert.match(badUrl.error.message, /Expected a string for the callback URL, got \{"href":"x"\}/);
  assert.match(JSON.parse(client.start('signOut', '[7]')).error.message, /Expected a string for postLogoutRedirectUri, got 7/);
  core.destroy(client.handle);
});

// Where crypto.subtle is missing, the mbedTLS module logto-crypto.mjs performs the core's
// signature step: it accepts what WebCrypto signed, for every algorithm family, and refuses a
// changed input and an unusable key. (WebCrypto's side runs in the client flows and in Chromium.)
test('signature steps without crypto.subtle: the mbedTLS module checks what WebCrypto signed', async () => {
  const { webcrypto } = await import('node:crypto');
  const { verifySignature: fallback } = await import('../../js/dist/logto-crypto.mjs');
  const b64 = (v) => Buffer.from(v).toString('base64url');
  const algs = {
    ES256: [{ name: 'ECDSA', namedCurve: 'P-256' }, { name: 'ECDSA', hash: 'SHA-256' }],
    ES384: [{ name: 'ECDSA', namedCurve: 'P-384' }, { name: 'ECDSA', hash: 'SHA-384' }],
    ES512: [{ name: 'ECDSA', namedCurve: 'P-521' }, { name: 'ECDSA', hash: 'SHA-512' }],
    RS256: [{ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, { name: 'RSASSA-PKCS1-v1_5' }],
    PS384: [{ name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-384' }, { name: 'RSA-PSS', saltLength: 48 }],
  };
  for (const [alg, [keyParams, signParams]] of Object.entries(algs)) {
    const keys = await webcrypto.subtle.generateKey(keyParams, true, ['sign', 'verify']);
    const { kty, crv, x, y, n, e } = await webcrypto.subtle.exportKey('jwk', keys.publicKey);
    const jwk = kty === 'EC' ? { kty, crv, x, y } : { kty, n, e };
    const data = `${b64(JSON.stringify({ alg }))}.${b64(JSON.stringify({ sub: 'u' }))}`;
    const signature = b64(new Uint8Array(await webcrypto.subtle.sign(signParams, keys.privateKey, Buffer.from(data))));
    const good = { alg, jwk, data, signature };
    const tampered = { ...good, data: `${data}x` };
    assert.deepEqual(await fallback(good), { status: 1, message: '' }, alg);
    assert.deepEqual(await fallback(tampered), { status: 0, message: '' }, alg);
  }
  // A key neither can use: a point off its curve.
  const offCurve = { alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256', x: b64(Buffer.alloc(32, 1)), y: b64(Buffer.alloc(32, 2)) }, data: 'a.b', signature: b64(Buffer.alloc(64, 3)) };
  const answer = await fallback(offCurve);
  assert.equal(answer.status, 2);
  assert.match(answer.message, /not a point on its curve/);
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

// The client module's own allocator (bindings/small_heap.cpp): a body larger than the initial
// memory makes it grow (and the glue's views follow: the answer reads back whole), and blocks
// freed by finished operations are handed out again, so thousands of operations leave the
// memory where the first few hundred put it.
test('the heap grows for a large body and reuses what finished operations freed', async () => {
  let memory;
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async (...args) => {
    const result = await instantiate.apply(WebAssembly, args);
    memory = Object.values(result.instance.exports).find((e) => e instanceof WebAssembly.Memory);
    return result;
  };
  let own;
  try {
    own = await createModule({ wasm: wasmBinary });
  } finally {
    WebAssembly.instantiate = instantiate;
  }
  assert.ok(memory, 'the instance exports its memory');
  const discovery = (padding) =>
    JSON.stringify({
      issuer: 'http://p.test/oidc',
      authorization_endpoint: 'http://p.test/oidc/auth',
      token_endpoint: 'http://p.test/oidc/token',
      jwks_uri: 'http://p.test/oidc/jwks',
      x_padding: padding,
    });
  const cycle = (padding) => {
    const client = createCoreClient(own, { endpoint: 'http://p.test', appId: 'a' });
    const step = JSON.parse(client.start('getOidcConfig', '[]'));
    const done = JSON.parse(client.resume(step.op, 200, discovery(padding), ''));
    own.destroy(client.handle);
    return done;
  };
  const before = memory.buffer.byteLength;
  const big = 'p'.repeat(8 * 1024 * 1024);
  const done = cycle(big);
  assert.equal(done.type, 'done');
  assert.equal(done.value.token_endpoint ?? done.value.tokenEndpoint, 'http://p.test/oidc/token');
  assert.ok(memory.buffer.byteLength > before + 8 * 1024 * 1024, 'the memory grew for the body');
  for (let i = 0; i < 300; i++) cycle(`run ${i} `.repeat(200));
  const settled = memory.buffer.byteLength;
  for (let i = 0; i < 3000; i++) cycle(`run ${i} `.repeat(200));
  assert.equal(memory.buffer.byteLength, settled, 'freed blocks are reused');
});

// bindings/embind_types.cpp stands in for embind's bind.cpp (bindings/CMakeLists.txt): start-up
// registers only the three types the bindings pass, and no printf is linked for type names.
// Should Emscripten's own libembind be linked again, its builtin registrations come back with
// their names, and the glue grows their converters.
test("the modules carry our embind registrations, not bind.cpp's twenty", () => {
  const glueText = readFileSync(glue, 'utf8');
  for (const file of ['logto_wasm.wasm', 'logto_crypto.wasm']) {
    const text = readFileSync(new URL(`../../build/wasm/bindings/${file}`, import.meta.url)).toString('latin1');
    for (const name of ['std::wstring', 'emscripten::memory_view', 'emscripten::val', 'unsigned long', 'double']) {
      assert.ok(!text.includes(name), `${file} registers ${name}`);
    }
    assert.ok(text.includes('std::string'), `${file} registers std::string`);
  }
  assert.doesNotMatch(glueText, /__embind_register_(bool|float|emval|memory_view|std_wstring)/);
});

// The core writes what follows @logto's base message for a code; the page puts the base message
// in front (toJsError, from the tables js/src/errors.js keeps for its classes' default
// messages), so a thrown error reads as the native core writes it and the texts ship once.
test('errors thrown to the page carry the base message before the core\'s words', async () => {
  const { toJsError, LogtoError, LogtoClientError, LogtoWasmError } = await import('../../js/src/errors.js');
  const client = createCoreClient(core, { endpoint: 'http://p.test', appId: 'a' });
  // A LogtoClientError: no sign-in session.
  const noSession = JSON.parse(client.start('handleSignInCallback', JSON.stringify(['http://app.test/cb?code=c&state=s']))).error;
  assert.equal(noSession.message, 'No sign-in is in progress in this tab: call signIn() first, and handle the callback in the same tab.');
  const thrown = toJsError(noSession);
  assert.ok(thrown instanceof LogtoClientError);
  assert.equal(thrown.message, `Sign-in session not found. ${noSession.message}`);
  // Ours: an argument of the wrong type.
  const badArg = JSON.parse(client.start('signOut', '[7]')).error;
  const wasm = toJsError(badArg);
  assert.ok(wasm instanceof LogtoWasmError);
  assert.equal(wasm.message, `Invalid LogtoClient config. ${badArg.message}`);
  core.destroy(client.handle);
  // Logto's, with and without words of the core's own; a code with no base message keeps the core's.
  assert.equal(toJsError({ class: 'LogtoError', code: 'id_token.invalid_token', message: 'The token expired.' }).message, 'Invalid ID token The token expired.');
  assert.equal(toJsError({ class: 'LogtoError', code: 'unexpected_response_error', message: '' }).message, 'Unexpected response error from the server.');
  assert.ok(toJsError({ class: 'LogtoError', code: 'x', message: 'm' }) instanceof LogtoError);
  assert.equal(toJsError({ class: 'LogtoError', code: 'pkce.invalid_verifier', message: 'm' }).message, 'm');
  assert.equal(toJsError({ class: 'LogtoWasmError', code: 'storage_unavailable', message: 'Could not write "k".' }).message, 'Browser storage is unavailable. Could not write "k".');
  // A request error's message is the server's, as in @logto.
  assert.equal(toJsError({ class: 'LogtoRequestError', code: 'oidc.invalid_grant', message: 'grant expired', status: 400 }).message, 'grant expired');
  assert.equal(new LogtoWasmError('internal_error').message, 'Internal SDK error.');
});
