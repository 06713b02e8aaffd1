// The adapter pieces @logto/browser exports (BrowserStorage, createRequester, the PKCE
// generators) and the `adapter` object a client carries. They behave as Logto's do, so code that
// calls them directly keeps working. The core itself keeps tokens through its own storage port
// (the same keys) and performs requests as steps; which adapter members it honours is decided in
// client.js.
import { loadCryptoFallback } from 'logto-wasm:crypto-fallback';

import { base64url, sha256 } from './effects.js';
import { LogtoError, LogtoRequestError } from './errors.js';

// localStorage `logto:{appId}:{key}`, the sign-in session in sessionStorage; nothing without a
// window (server-side rendering).
export class BrowserStorage {
  constructor(appId) {
    this.appId = appId;
  }

  getKey(item) {
    return item === undefined ? `logto:${this.appId}` : `logto:${this.appId}:${item}`;
  }

  async getItem(key) {
    if (typeof window === 'undefined') return null;
    if (key === 'signInSession') {
      // The second key is @logto/browser 1.x's, still read.
      return sessionStorage.getItem(this.getKey(key)) ?? sessionStorage.getItem(this.getKey());
    }
    return localStorage.getItem(this.getKey(key));
  }

  async setItem(key, value) {
    if (typeof window === 'undefined') return;
    (key === 'signInSession' ? sessionStorage : localStorage).setItem(this.getKey(key), value);
  }

  async removeItem(key) {
    if (typeof window === 'undefined') return;
    (key === 'signInSession' ? sessionStorage : localStorage).removeItem(this.getKey(key));
  }
}

// `new LogtoClient(config, true)`'s well-known cache, in sessionStorage as @logto/browser keeps it.
export class CacheStorage extends BrowserStorage {
  getKey(item) {
    return item === undefined ? `logto_cache:${this.appId}` : `logto_cache:${this.appId}:${item}`;
  }

  async getItem(key) {
    return sessionStorage.getItem(this.getKey(key));
  }

  async setItem(key, value) {
    sessionStorage.setItem(this.getKey(key), value);
  }

  async removeItem(key) {
    sessionStorage.removeItem(this.getKey(key));
  }
}

// The fetch function each requester made here wraps: the core's requests go through it.
export const fetchOfRequester = new WeakMap();

export const createRequester = (fetchFunction) => {
  const requester = async (...args) => {
    const response = await fetchFunction(...args);
    if (!response.ok) {
      const cloned = response.clone();
      const json = await response
        .clone()
        .json()
        .catch(async () => {
          const text = await response.text();
          console.error(`Logto requester error: [status=${response.status}]`, text);
          throw new LogtoRequestError(
            response.status === 429 ? 'rate_limited' : `http_error_${response.status}`,
            text || response.statusText,
            cloned,
          );
        });
      console.error(`Logto requester error: [status=${response.status}]`, json);
      if (typeof json?.code !== 'string' || typeof json.message !== 'string') {
        throw new LogtoError('unexpected_response_error', json);
      }
      throw new LogtoRequestError(json.code, json.message, cloned);
    }
    return response.json();
  };
  fetchOfRequester.set(requester, fetchFunction);
  return requester;
};

const randomString = () => base64url(crypto.getRandomValues(new Uint8Array(64)));

export const generateState = () => randomString();

export const generateCodeVerifier = () => randomString();

// S256 with WebCrypto; on an insecure origin (no crypto.subtle) the mbedTLS module serves any
// RFC 7636 verifier, where @logto/browser can only refuse.
export const generateCodeChallenge = async (codeVerifier) => {
  if (globalThis.crypto?.subtle === undefined) {
    const challenge = await (await loadCryptoFallback()).codeChallenge(codeVerifier);
    if (challenge) return challenge;
    throw new LogtoError('crypto_subtle_unavailable');
  }
  return sha256(codeVerifier);
};

// @logto/client's ClientAdapterInstance: the adapter's members plus three storage helpers.
export class ClientAdapterInstance {
  constructor(adapter) {
    Object.assign(this, adapter);
  }

  async setStorageItem(key, value) {
    if (!value) await this.storage.removeItem(key);
    else await this.storage.setItem(key, value);
  }

  async getCachedObject(key) {
    try {
      const value = JSON.parse((await this.unstable_cache?.getItem(key)) ?? '');
      return value !== null && typeof value === 'object' ? value : undefined;
    } catch {
      return undefined;
    }
  }

  async getWithCache(key, getter) {
    const cached = await this.getCachedObject(key);
    if (cached) return cached;
    const value = await getter();
    await this.unstable_cache?.setItem(key, JSON.stringify(value));
    return value;
  }
}
