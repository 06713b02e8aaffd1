// logto-wasm: a drop-in for @logto/browser 3.x whose whole client runs in a C++ core compiled
// to WebAssembly. Exactly @logto/browser's exports, plus LogtoWasmError for our own failures.
// The embedded wasm (gzip in base64) first, whatever imports it: deflate then codes it in blocks
// of its own instead of blocks mixed with JavaScript, 1.3 KB less gzip (docs/wasm-size.md).
import 'logto-wasm:data';
import { BrowserStorage, CacheStorage, ClientAdapterInstance, createRequester, generateCodeChallenge, generateCodeVerifier, generateState } from './adapter.js';
import { BaseClient, DefaultJwtVerifier, StandardLogtoClient } from './client.js';
import { navigate } from './effects.js';
import { buildOrganizationUrn, getOrganizationIdFromUrn } from './constants.js';
import { isLogtoRequestError, LogtoClientError, LogtoError, LogtoRequestError, LogtoWasmError, OidcError } from './errors.js';

export { BrowserStorage, createRequester, generateCodeChallenge, generateCodeVerifier, generateState } from './adapter.js';
export { BaseClient } from './client.js';
export {
  buildOrganizationUrn,
  getOrganizationIdFromUrn,
  organizationUrnPrefix,
  PersistKey,
  Prompt,
  ReservedResource,
  ReservedScope,
  UserScope,
} from './constants.js';
export { isLogtoRequestError, LogtoClientError, LogtoError, LogtoRequestError, LogtoWasmError, OidcError } from './errors.js';

export default class LogtoClient extends BaseClient {
  // `unstable_enableCache` gives the adapter a sessionStorage cache for well-known data, as in
  // @logto/browser; the core keeps discovery and the JWKS in memory for the client's life.
  constructor(config, unstable_enableCache = false) {
    super(config, {
      // Resolved at each request, so a fetch installed later (tests, polyfills) is the one used.
      requester: createRequester((...args) => fetch(...args)),
      navigate,
      storage: new BrowserStorage(config?.appId),
      unstable_cache: unstable_enableCache ? new CacheStorage(config?.appId) : undefined,
      generateCodeChallenge,
      generateCodeVerifier,
      generateState,
    });
  }
}

// The bundle is minified: the classes and functions get back the names @logto/browser's have,
// which logs, error grouping and `err.constructor.name` show (esbuild's keepNames would cost
// 1.2 KB gzip by naming every function of the glue too).
const named = {
  LogtoClient,
  BaseClient,
  StandardLogtoClient,
  DefaultJwtVerifier,
  BrowserStorage,
  CacheStorage,
  ClientAdapterInstance,
  LogtoError,
  LogtoClientError,
  LogtoRequestError,
  LogtoWasmError,
  OidcError,
  createRequester,
  generateCodeChallenge,
  generateCodeVerifier,
  generateState,
  buildOrganizationUrn,
  getOrganizationIdFromUrn,
  isLogtoRequestError,
};
for (const [name, value] of Object.entries(named)) {
  Object.defineProperty(value, 'name', { value: name === 'BaseClient' ? 'LogtoClient' : name });
}
