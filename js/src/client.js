// @logto/client's two classes, StandardLogtoClient and LogtoClient (exported as BaseClient),
// with the same members, driving the WebAssembly core instead of running the protocol in JS.
// Every rule lives in the core; this file hands it calls and says how its effects are performed.
import { BrowserStorage, ClientAdapterInstance, fetchOfRequester, generateCodeChallenge, generateCodeVerifier, generateState } from './adapter.js';
import { normalizeLogtoConfig } from './config.js';
import { createCoreClient, loadCore, run } from './core.js';
import { LogtoWasmError } from './errors.js';

const callCore = Symbol('callCore');

// The core's own ID-token checks (signature by the provider's JWKS, iss, aud, exp, iat with the
// config's `clockTolerance`), in the shape of @logto/client's DefaultJwtVerifier.
export class DefaultJwtVerifier {
  constructor(client, clockTolerance = 300) {
    this.client = client;
    this.clockTolerance = clockTolerance;
  }

  async verifyIdToken(idToken) {
    await this.client[callCore]('verifyIdToken', [idToken]);
  }
}

const unsupported = (member, why) =>
  new LogtoWasmError(
    'unsupported_adapter',
    `The adapter's \`${member}\` cannot be used by logto-wasm: ${why} Use the default LogtoClient, or leave \`${member}\` out.`,
    { member },
  );

// The core keeps tokens through its own storage port (localStorage/sessionStorage under the
// @logto keys) and makes its own PKCE values, so a custom storage or generator would be ignored
// without a word; it is refused instead. `navigate`, a requester from createRequester (its fetch
// performs the core's requests) and `unstable_cache` are honoured.
function checkAdapter(adapter, appId) {
  const { storage, requester, navigate } = adapter ?? {};
  if (typeof navigate !== 'function') throw unsupported('navigate', 'it must be a function (url, { redirectUri, for }).');
  if (!fetchOfRequester.has(requester)) {
    throw unsupported('requester', 'the core needs the raw response, so the requester must come from createRequester(fetchFunction).');
  }
  if (!(storage?.constructor === BrowserStorage && storage.appId === appId)) {
    throw unsupported('storage', `the core keeps tokens in browser storage itself, as new BrowserStorage(appId) does.`);
  }
  const own = { generateCodeChallenge, generateCodeVerifier, generateState };
  for (const [name, fn] of Object.entries(own)) {
    if (adapter[name] !== undefined && adapter[name] !== fn) {
      throw unsupported(name, 'the core generates PKCE values and state with the browser\'s secure random source.');
    }
  }
}

export class StandardLogtoClient {
  #config;
  #core;
  #pending = new Map();
  #handledCallbackUrl;
  #externalVerifier = false;

  get jwtVerifier() {
    return this.jwtVerifierInstance;
  }

  // Synchronous and side-effect free, as @logto's: the core loads on the first call, and a config
  // it refuses (missing endpoint or appId) fails that call with LogtoWasmError `invalid_config`.
  constructor(logtoConfig, adapter, buildJwtVerifier) {
    checkAdapter(adapter, logtoConfig?.appId);
    this.#config = logtoConfig;
    // Own properties, as @logto/client makes them (so they can be passed around unbound).
    this.getOidcConfig = () => this.#call('getOidcConfig', []);
    // Concurrent calls with the same arguments share one request.
    this.getAccessToken = (resource, organizationId) => {
      const args = [resource ?? null, organizationId ?? null];
      return this.#shared(`token ${JSON.stringify(args)}`, () => this.#call('getAccessToken', args));
    };
    this.getOrganizationToken = (organizationId) => {
      const args = [organizationId ?? null];
      return this.#shared(`organization ${JSON.stringify(args)}`, () => this.#call('getOrganizationToken', args));
    };
    this.clearAccessToken = async () => {
      await this.#call('clearAccessToken', []);
    };
    this.clearAllTokens = async () => {
      this.#handledCallbackUrl = undefined;
      await this.#call('clearAllTokens', []);
    };
    // Called twice with one URL (React StrictMode), both calls share one code exchange; a call
    // with the URL this client already completed resolves without spending the code again.
    this.handleSignInCallback = async (callbackUri) => {
      if (callbackUri !== undefined && callbackUri === this.#handledCallbackUrl) return;
      await this.#shared(`callback ${callbackUri}`, async () => {
        await this.#call('handleSignInCallback', [callbackUri], { for: 'post-sign-in' });
        this.#handledCallbackUrl = callbackUri;
      });
    };
    this.logtoConfig = normalizeLogtoConfig(logtoConfig);
    this.adapter = new ClientAdapterInstance(adapter);
    this.jwtVerifierInstance = buildJwtVerifier(this);
  }

  setJwtVerifier(buildJwtVerifier) {
    this.jwtVerifierInstance =
      typeof buildJwtVerifier === 'function' ? buildJwtVerifier(this) : buildJwtVerifier;
  }

  isAuthenticated() {
    return this.#call('isAuthenticated', []);
  }

  getRefreshToken() {
    return this.#call('getRefreshToken', []);
  }

  getIdToken() {
    return this.#call('getIdToken', []);
  }

  getIdTokenClaims() {
    return this.#call('getIdTokenClaims', []);
  }

  getAccessTokenClaims(resource) {
    return this.#call('getAccessTokenClaims', [resource ?? null]);
  }

  getOrganizationTokenClaims(organizationId) {
    return this.#call('getOrganizationTokenClaims', [organizationId ?? null]);
  }

  fetchUserInfo() {
    return this.#call('fetchUserInfo', []);
  }

  async signIn(options, interactionMode, loginHint) {
    this.#handledCallbackUrl = undefined;
    const redirectUri = typeof options === 'object' && !(options instanceof URL) ? options?.redirectUri : options;
    await this.#call('signIn', [options, interactionMode, loginHint], {
      redirectUri: redirectUri?.toString(),
      for: 'sign-in',
    });
  }

  isSignInRedirected(url) {
    return this.#call('isSignInRedirected', [url]);
  }

  async signOut(postLogoutRedirectUri) {
    this.#handledCallbackUrl = undefined;
    await this.#call('signOut', [postLogoutRedirectUri ?? null], {
      redirectUri: postLogoutRedirectUri,
      for: 'sign-out',
    });
  }

  // Protected in @logto/client: the sign-in session as stored (sessionStorage), or null.
  async getSignInSession() {
    const item = await this.adapter.storage.getItem('signInSession');
    return item ? JSON.parse(item) : null;
  }

  async setSignInSession(value) {
    await this.adapter.setStorageItem('signInSession', value && JSON.stringify(value));
  }

  [callCore](method, args) {
    return this.#call(method, args);
  }

  async #call(method, args, navigation) {
    if (!this.#core) {
      const module = await loadCore();
      this.#core ??= createCoreClient(module, this.#config);
    }
    const { requester, navigate } = this.adapter;
    const fetchFunction = fetchOfRequester.get(requester);
    if (!fetchFunction) throw unsupported('requester', 'it was replaced by a function not made by createRequester().');
    const host = {
      fetch: fetchFunction,
      navigate: (url) => navigate(url, navigation ?? { for: 'post-sign-in' }),
      verify: (idToken) => this.jwtVerifierInstance.verifyIdToken(idToken),
    };
    // The core checks ID tokens itself unless the page set a verifier of its own.
    const external = !(this.jwtVerifierInstance instanceof DefaultJwtVerifier);
    if (external !== this.#externalVerifier) {
      await run(this.#core, 'useExternalJwtVerifier', [external], host);
      this.#externalVerifier = external;
    }
    return run(this.#core, method, args, host);
  }

  #shared(key, start) {
    let promise = this.#pending.get(key);
    if (!promise) {
      promise = start().finally(() => this.#pending.delete(key));
      this.#pending.set(key, promise);
    }
    return promise;
  }
}

// @logto/client's LogtoClient, which @logto/browser exports as BaseClient: the default verifier
// unless one is given.
export const BaseClient = class LogtoClient extends StandardLogtoClient {
  constructor(logtoConfig, adapter, buildJwtVerifier) {
    super(logtoConfig, adapter, buildJwtVerifier ?? ((client) => new DefaultJwtVerifier(client)));
  }
};
