// ID-token signature verification alone, per second, in Chromium: mbedTLS compiled to WASM
// (logto-crypto, what the SDK uses where crypto.subtle is missing) against WebCrypto (what it
// uses everywhere else), for ES384 and RS256 tokens made here with WebCrypto.
import { webcrypto } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { launchChromium } from '../tests/support/chromium.mjs';
import { serveStatic } from '../tests/support/static-server.mjs';
import { summary } from './stats.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const b64 = (v) => Buffer.from(v).toString('base64url');

async function token(alg) {
  const params = alg === 'ES384'
    ? [{ name: 'ECDSA', namedCurve: 'P-384' }, { name: 'ECDSA', hash: 'SHA-384' }]
    : [{ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, { name: 'RSASSA-PKCS1-v1_5' }];
  const keys = await webcrypto.subtle.generateKey(params[0], true, ['sign', 'verify']);
  const { kty, crv, x, y, n, e } = await webcrypto.subtle.exportKey('jwk', keys.publicKey);
  const jwk = kty === 'EC' ? { kty, crv, x, y } : { kty, n, e };
  const input = `${b64(JSON.stringify({ alg, kid: 'k', typ: 'JWT' }))}.${b64(JSON.stringify({ iss: 'https://x/oidc', sub: 'user', aud: 'app', iat: 1, exp: 2 }))}`;
  const signature = await webcrypto.subtle.sign(params[1], keys.privateKey, Buffer.from(input));
  return { alg, token: `${input}.${b64(new Uint8Array(signature))}`, jwk, importParams: params[0], verifyParams: params[1] };
}

export async function measureVerification({ rounds = 3 } = {}) {
  const site = await serveStatic({ mounts: { '/wasm/': join(root, 'build/wasm/bindings/'), '/': join(root, 'bench/pages/') } });
  const browser = await launchChromium();
  const out = {};
  try {
    const page = await browser.context.newPage();
    await page.goto(`${site.origin}/verify.html`);
    await page.waitForFunction(() => window.ready === true);
    for (const alg of ['ES384', 'RS256']) {
      const t = await token(alg);
      const samples = { wasm: [], webcrypto: [] };
      for (let round = 0; round < rounds; round++) {
        const r = await page.evaluate(async ({ alg: name, token: jwt, jwk, importParams, verifyParams }) => {
          // The signature step's check, as the core hands it over.
          const [h0, p0, s0] = jwt.split('.');
          const check = JSON.stringify({ alg: name, jwk, data: `${h0}.${p0}`, signature: s0 });
          if (window.core.verifySignature(check) !== '1') throw new Error('the WASM check refused a valid token');
          let wasm = 0;
          for (const end = performance.now() + 1000; performance.now() < end; wasm++) window.core.verifySignature(check);
          // WebCrypto: import the key once, then check the signature (as jose does per token).
          const key = await crypto.subtle.importKey('jwk', jwk, importParams, false, ['verify']);
          const [h, p, s] = jwt.split('.');
          const sig = Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
          const data = new TextEncoder().encode(`${h}.${p}`);
          let webcrypto = 0;
          for (const end = performance.now() + 1000; performance.now() < end; webcrypto++) {
            if (!(await crypto.subtle.verify(verifyParams, key, sig, data))) throw new Error('WebCrypto refused');
          }
          return { wasm, webcrypto };
        }, t);
        samples.wasm.push(r.wasm);
        samples.webcrypto.push(r.webcrypto);
      }
      out[alg] = { wasm: summary(samples.wasm), webcrypto: summary(samples.webcrypto) };
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return out;
}
