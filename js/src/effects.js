// The effects the core asks for, performed with the browser's own APIs. No protocol
// logic: the request is sent exactly as the core describes it, the signature checked with the
// key and algorithm the core chose.
import { loadCryptoFallback } from 'logto-wasm:crypto-fallback';

// Resolves to {status, body, message, response, error}: `message` is the status text, and
// `response` an unread copy that a LogtoRequestError carries as its `cause`, as @logto's does;
// status 0 when fetch itself failed (offline, CORS, DNS), with fetch's own error kept so it can
// be rethrown unchanged.
export async function performFetch(fetchFunction, { method, url, headers, body }) {
  try {
    const response = await fetchFunction(url, { method, headers, body: body === '' ? undefined : body });
    const copy = response.ok ? undefined : response.clone?.();
    return { status: response.status, body: await response.text(), message: response.statusText ?? '', response: copy };
  } catch (error) {
    return { status: 0, body: '', message: String(error?.message ?? error), error };
  }
}

export function navigate(url) {
  if (typeof window === 'undefined') {
    throw new TypeError(`Cannot navigate to ${url}: there is no browser window here.`);
  }
  window.location.assign(url);
}

// Takes the named Web Lock and resolves to its release function. Browsers without
// navigator.locks (and Node) get a no-op lock: one tab cannot race itself, and the core
// re-reads storage after every lock anyway.
export function acquireLock(name) {
  const locks = globalThis.navigator?.locks;
  if (!locks?.request) return Promise.resolve(() => {});
  const take = (options) =>
    new Promise((resolve, reject) => {
      locks.request(name, options, (lock) => (lock ? new Promise((release) => resolve(release)) : resolve(null))).catch(reject);
    });
  return take({ ifAvailable: true }).then((release) => release ?? afterAnotherTab(take));
}

// The lock was held by another tab, which was refreshing: it wrote its tokens before letting
// go, but a browser delivers one tab's localStorage writes to another a moment later, so the
// core's look at storage could still miss them and spend the refresh token again. Wait for
// those writes to arrive (their storage event, then a tick for the rest), at most 300 ms.
async function afterAnotherTab(take) {
  if (typeof window === 'undefined') return take({});
  let arrived = false;
  const seen = () => (arrived = true);
  window.addEventListener('storage', seen);
  try {
    const release = await take({});
    await new Promise((resolve) => {
      if (arrived) return setTimeout(resolve, 10);
      const timer = setTimeout(done, 300);
      function done() {
        clearTimeout(timer);
        window.removeEventListener('storage', next);
        resolve();
      }
      function next() {
        clearTimeout(timer);
        window.removeEventListener('storage', next);
        setTimeout(resolve, 10);
      }
      window.addEventListener('storage', next);
    });
    return release;
  } finally {
    window.removeEventListener('storage', seen);
  }
}

export const base64url = (bytes) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

// A digest step: base64url of SHA-256 over the UTF-8 text (the core hashes a PKCE verifier
// this way and checks the answer). WebCrypto where the page has it, else the mbedTLS module.
export async function sha256(text) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return (await loadCryptoFallback()).sha256(text);
  return base64url(new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

// Web Crypto's names for the JWS algorithms the core accepts (RS*, PS*, ES* with 256/384/512).
const family = { RS: 'RSASSA-PKCS1-v1_5', PS: 'RSA-PSS', ES: 'ECDSA' };
const importedKeys = new Map(); // alg + JWK -> Promise<CryptoKey>, so each key is imported once
const base64urlBytes = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

// A signature step: {alg, jwk, data, signature} -> {status, message}, the status being the
// core's kSignatureValid (1), kSignatureInvalid (0) or kKeyUnusable (2). WebCrypto where the
// page has it; without crypto.subtle (an insecure origin) the mbedTLS module, fetched only then.
export async function verifySignature(check) {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return (await loadCryptoFallback()).verifySignature(check);
  const { alg, jwk, data, signature } = check;
  const name = family[alg.slice(0, 2)];
  const bits = alg.slice(2);
  const id = alg + JSON.stringify(jwk);
  let key = importedKeys.get(id);
  if (!key) {
    key = subtle.importKey('jwk', jwk, name === 'ECDSA' ? { name, namedCurve: jwk.crv } : { name, hash: `SHA-${bits}` }, false, ['verify']);
    importedKeys.set(id, key);
  }
  try {
    key = await key;
  } catch (error) {
    importedKeys.delete(id);
    return { status: 2, message: String(error?.message ?? error) };
  }
  const params = name === 'ECDSA' ? { name, hash: `SHA-${bits}` } : { name, saltLength: bits / 8 };
  const valid = await subtle.verify(params, key, base64urlBytes(signature), new TextEncoder().encode(data));
  return { status: valid ? 1 : 0, message: '' };
}
