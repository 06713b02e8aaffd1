// logto-wasm: a drop-in for @logto/browser 3.x whose whole client runs in a C++ core compiled
// to WebAssembly. This class only loads the core, hands it each call, and performs the
// fetches, navigations and locks it asks for.
import { createCoreClient, loadCore, run } from './core.js';

export { LogtoClientError, LogtoError, LogtoRequestError, OidcError } from './errors.js';
export { Prompt, ReservedResource, ReservedScope, UserScope } from './constants.js';

export default class LogtoClient {
  #config;
  #core;
  #pending = new Map();
  #handledCallbackUrl;

  // Synchronous and side-effect free, as @logto/browser's: the core loads on the first call,
  // and a config it rejects (missing endpoint or appId) fails that call with `invalid_config`.
  constructor(config) {
    this.#config = config;
  }

  get logtoConfig() {
    return this.#config;
  }

  async signIn(options, interactionMode, loginHint) {
    this.#handledCallbackUrl = undefined;
    await this.#call('signIn', [options, interactionMode, loginHint]);
  }

  // Called twice with one URL (React StrictMode), both calls share one code exchange; a call
  // with the URL this client already completed resolves without spending the code again.
  async handleSignInCallback(callbackUri) {
    if (callbackUri !== undefined && callbackUri === this.#handledCallbackUrl) return;
    await this.#shared(`callback ${callbackUri}`, async () => {
      await this.#call('handleSignInCallback', [callbackUri]);
      this.#handledCallbackUrl = callbackUri;
    });
  }

  isSignInRedirected(url) {
    return this.#call('isSignInRedirected', [url]);
  }

  isAuthenticated() {
    return this.#call('isAuthenticated', []);
  }

  getIdToken() {
    return this.#call('getIdToken', []);
  }

  getIdTokenClaims() {
    return this.#call('getIdTokenClaims', []);
  }

  getRefreshToken() {
    return this.#call('getRefreshToken', []);
  }

  // Concurrent calls for one resource and organization share one refresh.
  getAccessToken(resource, organizationId) {
    const args = [resource ?? null, organizationId ?? null];
    return this.#shared(`token ${JSON.stringify(args)}`, () => this.#call('getAccessToken', args));
  }

  getAccessTokenClaims(resource) {
    return this.#call('getAccessTokenClaims', [resource ?? null]);
  }

  getOrganizationToken(organizationId) {
    const args = [organizationId ?? null];
    return this.#shared(`organization ${JSON.stringify(args)}`, () =>
      this.#call('getOrganizationToken', args),
    );
  }

  getOrganizationTokenClaims(organizationId) {
    return this.#call('getOrganizationTokenClaims', [organizationId ?? null]);
  }

  fetchUserInfo() {
    return this.#call('fetchUserInfo', []);
  }

  async clearAccessToken() {
    await this.#call('clearAccessToken', []);
  }

  async clearAllTokens() {
    this.#handledCallbackUrl = undefined;
    await this.#call('clearAllTokens', []);
  }

  async signOut(postLogoutRedirectUri) {
    this.#handledCallbackUrl = undefined;
    await this.#call('signOut', [postLogoutRedirectUri ?? null]);
  }

  getOidcConfig() {
    return this.#call('getOidcConfig', []);
  }

  async #call(method, args) {
    if (!this.#core) {
      const module = await loadCore();
      this.#core ??= createCoreClient(module, this.#config);
    }
    return run(this.#core, method, args);
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
