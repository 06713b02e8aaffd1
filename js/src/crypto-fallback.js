// logto-crypto.mjs: the signature check and SHA-256 with mbedTLS compiled to WebAssembly, for
// pages where `crypto.subtle` does not exist (browsers hide it on insecure origins such as plain
// http on a LAN host name). The SDK imports this module only there; a secure origin never
// fetches it.
// The embedded wasm (gzip in base64) first, whatever imports it: deflate then codes it in blocks
// of its own instead of blocks mixed with JavaScript, 1.3 KB less gzip (docs/wasm-size.md).
import 'logto-wasm:data';
import createModule from 'logto-wasm:glue';
import { loadWasmBinary } from 'logto-wasm:binary';

let module;

async function loaded() {
  module ??= loadWasmBinary().then((wasm) => createModule({ wasm }));
  try {
    return await module;
  } catch (error) {
    module = undefined;
    throw error;
  }
}

// A signature step's check {alg, jwk, data, signature} -> {status, message} (effects.js).
export async function verifySignature(check) {
  const answer = (await loaded()).verifySignature(JSON.stringify(check));
  return { status: Number(answer[0]), message: answer.slice(1) };
}

// A digest step: base64url of SHA-256 over the UTF-8 text (effects.js).
export async function sha256(text) {
  return (await loaded()).sha256(text);
}

// generateCodeChallenge's S256, or "" for a verifier outside RFC 7636 (adapter.js).
export async function codeChallenge(verifier) {
  return (await loaded()).codeChallenge(verifier);
}
