// @logto/client's two classes, StandardLogtoClient and LogtoClient (exported as BaseClient),
// with the same members, driving the WebAssembly core instead of running the protocol in JS.
// Every rule lives in the core; this file hands it calls and says how its effects are performed.
import { BrowserStorage, ClientAdapterInstance, fetchOfRequester, generateCodeChallenge, generateCodeVerifier, generateState } from './adapter.js';
import { normalizeLogtoConfig } from './config.js';
import { createCoreClient, loadCore, run } from './core.js';
import { firstAnswers, placeholder } from 'logto-wasm:first-answers';
import { LogtoWasmError } from './errors.js';

// The core's own ID-token checks (signature by the provider's JWKS, iss, aud, exp, iat with the
// config's `clockTolerance`), in the shape of @logto/client's DefaultJwtVerifier.
export class DefaultJwtVerifier {
  constructor(client, clockTolerance = 300) {
    this.client = client;
    this.clockTolerance = clockTolerance;
  }

  async verifyIdToken(idToken) {
    await this.client[internal].call('verifyIdToken', [idToken]);
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

// The client's state lives in closures made by the constructor, reached through one hidden
// symbol property, not in #private fields: frameworks wrap the client in a Proxy (Vue's
// reactive refs), and a #private field cannot be read through a Proxy.
const internal = Symbol('logto-wasm');

export class StandardLogtoClient {
  get jwtVerifier() {
    return this.jwtVerifierInstance;
  }

  // Synchronous and side-effect free, as @logto's: the core loads on the first call (or right
  // after a first isAuthenticated() answered from the build's record, see recall), and a config
  // it refuses (missing endpoint or appId) fails the first call that needs the core with
  // LogtoWasmError `invalid_config`.
  constructor(logtoConfig, adapter, buildJwtVerifier) {
    checkAdapter(adapter, logtoConfig?.appId);
    const self = this;
    let core;
    let handledCallbackUrl;
    let externalVerifier = false;
    const pending = new Map();
    // Answers the core said may be repeated without it (sdk/logto/client/client.hpp, "memo"):
    // each holds while the localStorage items it lists keep the text the core read, so a write
    // from this tab or another is seen at once, and until `validUntil` (seconds) if given.
    const memos = new Map();
    const memoKey = (method, args) => `${method} ${args.join(' ')}`;
    const holds = (memo) => {
      try {
        if (memo.validUntil !== undefined && !(Date.now() / 1000 < memo.validUntil)) return false;
        const storage = window.localStorage;
        for (const [item, text] of memo.reads ?? []) if (storage.getItem(item) !== text) return false;
        for (const [item, present] of memo.present ?? []) if (!!storage.getItem(item) !== present) return false;
        return true;
      } catch {
        return false; // storage unavailable: the core answers, and says why it fails
      }
    };
    // The core's answers recorded at build time (scripts/first-answers.mjs), for this appId: a
    // cold page has them before the core loads. Without a string appId there is no key to
    // check, and the core's refusal of the config is the answer.
    const appId = logtoConfig?.appId;
    const firstMemos = new Map();
    if (typeof appId === 'string') {
      for (const [method, answers] of Object.entries(firstAnswers)) {
        const forThisApp = answers.map(({ present, value }) => ({
          present: present.map(([item, is]) => [item.split(placeholder).join(appId), is]),
          value,
        }));
        firstMemos.set(method, forThisApp);
      }
    }
    const recall = (method, args) => {
      const memo = memos.get(memoKey(method, args));
      if (memo && holds(memo)) return memo;
      if (args.length) return undefined;
      const first = firstMemos.get(method)?.find(holds);
      if (first) {
        memos.set(memoKey(method, args), first);
        // Answered without the core: load it now, so the next call finds it ready. A failure
        // is not kept (loadCore); that next call reports it.
        if (!core) setTimeout(() => prepare().catch(() => {}));
      }
      return first;
    };
    // The memo's value if it holds, else what `ask()` resolves to.
    const recallOr = (method, args, ask) => {
      const memo = recall(method, args);
      return memo ? Promise.resolve(memo.value) : ask();
    };
    const prepare = async () => {
      if (!core) {
        const module = await loadCore();
        core ??= createCoreClient(module, logtoConfig);
      }
    };

    const call = async (method, args, navigation) => {
      await prepare();
      const { requester, navigate } = self.adapter;
      const fetchFunction = fetchOfRequester.get(requester);
      if (!fetchFunction) throw unsupported('requester', 'it was replaced by a function not made by createRequester().');
      const host = {
        fetch: fetchFunction,
        navigate: (url) => navigate(url, navigation ?? { for: 'post-sign-in' }),
        verify: (idToken) => self.jwtVerifierInstance.verifyIdToken(idToken),
        remember: (memo, value) => memos.set(memoKey(method, args), { ...memo, value }),
      };
      // The core checks ID tokens itself unless the page set a verifier of its own.
      const external = !(self.jwtVerifierInstance instanceof DefaultJwtVerifier);
      if (external !== externalVerifier) {
        await run(core, 'useExternalJwtVerifier', [external], host);
        externalVerifier = external;
      }
      return run(core, method, args, host);
    };
    // Concurrent calls with the same key share one operation.
    const shared = (key, start) => {
      let promise = pending.get(key);
      if (!promise) {
        promise = start().finally(() => pending.delete(key));
        pending.set(key, promise);
      }
      return promise;
    };
    // Not enumerable (Object.keys stays Logto's); writable and configurable, because a Proxy
    // (Vue) may hand back a wrapper of the value, which a frozen property would forbid.
    Object.defineProperty(this, internal, {
      value: { call, recallOr, forgetCallback: () => (handledCallbackUrl = undefined) },
      writable: true,
      configurable: true,
    });

    // Own properties, as @logto/client makes them (so they can be passed around unbound).
    this.getOidcConfig = () => call('getOidcConfig', []);
    this.getAccessToken = (resource, organizationId) => {
      const args = [resource ?? null, organizationId ?? null];
      return recallOr('getAccessToken', args, () =>
        shared(`token ${JSON.stringify(args)}`, () => call('getAccessToken', args)),
      );
    };
    this.getOrganizationToken = (organizationId) => {
      const args = [organizationId ?? null];
      return recallOr('getOrganizationToken', args, () =>
        shared(`organization ${JSON.stringify(args)}`, () => call('getOrganizationToken', args)),
      );
    };
    this.clearAccessToken = async () => {
      await call('clearAccessToken', []);
    };
    this.clearAllTokens = async () => {
      handledCallbackUrl = undefined;
      await call('clearAllTokens', []);
    };
    // Called twice with one URL (React StrictMode), both calls share one code exchange; a call
    // with the URL this client already completed resolves without spending the code again.
    this.handleSignInCallback = async (callbackUri) => {
      if (callbackUri !== undefined && callbackUri === handledCallbackUrl) return;
      await shared(`callback ${callbackUri}`, async () => {
        await call('handleSignInCallback', [callbackUri], { for: 'post-sign-in' });
        handledCallbackUrl = callbackUri;
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
    return this[internal].recallOr('isAuthenticated', [], () => this[internal].call('isAuthenticated', []));
  }

  getRefreshToken() {
    return this[internal].call('getRefreshToken', []);
  }

  getIdToken() {
    return this[internal].recallOr('getIdToken', [], () => this[internal].call('getIdToken', []));
  }

  getIdTokenClaims() {
    return this[internal].call('getIdTokenClaims', []);
  }

  getAccessTokenClaims(resource) {
    return this[internal].call('getAccessTokenClaims', [resource ?? null]);
  }

  getOrganizationTokenClaims(organizationId) {
    return this[internal].call('getOrganizationTokenClaims', [organizationId ?? null]);
  }

  fetchUserInfo() {
    return this[internal].call('fetchUserInfo', []);
  }

  async signIn(options, interactionMode, loginHint) {
    this[internal].forgetCallback();
    const redirectUri = typeof options === 'object' && !(options instanceof URL) ? options?.redirectUri : options;
    await this[internal].call('signIn', [options, interactionMode, loginHint], {
      redirectUri: redirectUri?.toString(),
      for: 'sign-in',
    });
  }

  isSignInRedirected(url) {
    return this[internal].call('isSignInRedirected', [url]);
  }

  async signOut(postLogoutRedirectUri) {
    this[internal].forgetCallback();
    await this[internal].call('signOut', [postLogoutRedirectUri ?? null], {
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
}

// @logto/client's LogtoClient, which @logto/browser exports as BaseClient: the default verifier
// unless one is given.
export const BaseClient = class LogtoClient extends StandardLogtoClient {
  constructor(logtoConfig, adapter, buildJwtVerifier) {
    super(logtoConfig, adapter, buildJwtVerifier ?? ((client) => new DefaultJwtVerifier(client)));
  }
};
