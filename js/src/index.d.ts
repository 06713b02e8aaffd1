// Types of logto-wasm, the drop-in for @logto/browser 3.x. Every name @logto/browser exports is
// here with Logto's shape (from @logto/browser, @logto/client and @logto/js), so code typed
// against them compiles unchanged; LogtoWasmError is ours and widens none of Logto's unions.

type Nullable<T> = T | null;

/** The prompt parameter to be used for the authorization request. */
export declare enum Prompt {
  None = 'none',
  Consent = 'consent',
  Login = 'login',
}

/** Scopes that reserved by Logto, which will be added to the auth request automatically. */
export declare enum ReservedScope {
  OpenId = 'openid',
  OfflineAccess = 'offline_access',
}

/** Resources that reserved by Logto, which cannot be defined by users. */
export declare enum ReservedResource {
  Organization = 'urn:logto:resource:organizations',
}

/** Scopes for ID Token and Userinfo Endpoint. */
export declare enum UserScope {
  Profile = 'profile',
  Email = 'email',
  Phone = 'phone',
  Address = 'address',
  CustomData = 'custom_data',
  Identities = 'identities',
  Roles = 'roles',
  Organizations = 'urn:logto:scope:organizations',
  OrganizationRoles = 'urn:logto:scope:organization_roles',
  Sessions = 'urn:logto:scope:sessions',
}

/** The keys the client persists under `logto:{appId}:`. */
export declare enum PersistKey {
  IdToken = 'idToken',
  RefreshToken = 'refreshToken',
  AccessToken = 'accessToken',
  SignInSession = 'signInSession',
}

declare enum CacheKey {
  OpenidConfig = 'openidConfiguration',
  Jwks = 'jwks',
}

export declare const organizationUrnPrefix = 'urn:logto:organization:';
/** `urn:logto:organization:{organizationId}`. */
export declare const buildOrganizationUrn: (organizationId: string) => string;
/** @throws {TypeError} If the URN does not start with {@link organizationUrnPrefix}. */
export declare const getOrganizationIdFromUrn: (urn: string) => string;

/** The configuration object for the Logto client. */
export type LogtoConfig = {
  /** The provider's base URL, e.g. `https://foo.logto.app`. */
  endpoint: string;
  /** The application ID the provider issued. */
  appId: string;
  appSecret?: string;
  /** Added to the reserved scopes `openid`, `offline_access` and `profile`. */
  scopes?: string[];
  resources?: string[];
  prompt?: Prompt | Prompt[];
  /** @default true */
  includeReservedScopes?: boolean;
};

/** @deprecated Use `FirstScreen` instead. */
export type InteractionMode = 'signIn' | 'signUp';
/** Note: `signIn` is deprecated, use `sign_in` instead. */
export type FirstScreen =
  | 'signIn'
  | 'sign_in'
  | 'register'
  | 'reset_password'
  | 'identifier:sign_in'
  | 'identifier:register'
  | 'single_sign_on';
type Identifier = 'email' | 'phone' | 'username';

export type DirectSignInOptions = {
  method: 'social' | 'sso';
  target: string;
};

export type SignInOptions = {
  /** The redirect URI registered for the application. */
  redirectUri: string | URL;
  /** Where to go once the callback at `redirectUri` is handled. */
  postRedirectUri?: string | URL;
  prompt?: Prompt | Prompt[];
  /** Clear cached tokens from storage before sign-in. Defaults to `true`. */
  clearTokens?: boolean;
  firstScreen?: FirstScreen;
  identifiers?: Identifier[];
  /** @deprecated Use `firstScreen` instead. */
  interactionMode?: InteractionMode;
  loginHint?: string;
  /** @experimental */
  oneTimeToken?: string;
  directSignIn?: DirectSignInOptions;
  extraParams?: Record<string, string>;
};

export type IdTokenClaims = {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat: number;
  at_hash?: Nullable<string>;
  name?: Nullable<string>;
  username?: Nullable<string>;
  picture?: Nullable<string>;
  email?: Nullable<string>;
  email_verified?: boolean;
  phone_number?: Nullable<string>;
  phone_number_verified?: boolean;
  organizations?: string[];
  /** `{organizationId}:{roleName}` */
  organization_roles?: string[];
  roles?: string[];
} & Record<string, unknown>;

export type AccessTokenClaims = {
  jti?: string;
  iss?: string;
  sub?: string;
  aud?: string;
  exp?: number;
  iat?: number;
  client_id?: string;
  scope?: string;
} & Record<string, unknown>;

type Identity = {
  userId: string;
  details?: Record<string, unknown>;
};

type OrganizationData = {
  id: string;
  name: string;
  description: Nullable<string>;
};

export type UserInfoResponse = IdTokenClaims & {
  custom_data?: unknown;
  identities?: Record<string, Identity>;
  organization_data?: OrganizationData[];
};

export type OidcConfigResponse = {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint: string;
  endSessionEndpoint: string;
  revocationEndpoint: string;
  jwksUri: string;
  issuer: string;
};

export type LogtoErrorCode =
  | 'id_token.invalid_iat'
  | 'id_token.invalid_token'
  | 'callback_uri_verification.redirect_uri_mismatched'
  | 'callback_uri_verification.error_found'
  | 'callback_uri_verification.missing_state'
  | 'callback_uri_verification.state_mismatched'
  | 'callback_uri_verification.missing_code'
  | 'crypto_subtle_unavailable'
  | 'unexpected_response_error';

export type LogtoClientErrorCode =
  | 'sign_in_session.invalid'
  | 'sign_in_session.not_found'
  | 'not_authenticated'
  | 'fetch_user_info_failed'
  | 'user_cancelled'
  | 'missing_scope_organizations';

/** Ours: failures @logto has no code for (see docs/sdk-api.md). */
export type LogtoWasmErrorCode =
  | 'wasm_unavailable'
  | 'invalid_config'
  | 'storage_unavailable'
  | 'crypto_unavailable'
  | 'unsupported_adapter'
  | 'internal_error'
  | 'callback_uri_verification.issuer_mismatched'
  | 'callback_uri_verification.missing_issuer';

/**
 * Ours: the `data` of every ID-token refusal (`LogtoError` with code `id_token.invalid_token` or
 * `id_token.invalid_iat`). `reason` is stable; `joseCode` is the code jose (behind
 * @logto/browser) gives the same failure.
 */
export type IdTokenErrorData = {
  reason:
    | 'malformed'
    | 'alg_not_allowed'
    | 'key_not_found'
    | 'key_unusable'
    | 'signature_invalid'
    | 'claim_missing'
    | 'claim_mismatch'
    | 'expired'
    | 'not_yet_valid'
    | 'iat_out_of_window'
    | 'identity_changed';
  joseCode?:
    | 'ERR_JWS_INVALID'
    | 'ERR_JOSE_NOT_SUPPORTED'
    | 'ERR_JWKS_NO_MATCHING_KEY'
    | 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
    | 'ERR_JWT_CLAIM_VALIDATION_FAILED'
    | 'ERR_JWT_EXPIRED';
  /** The claim (or header member: `alg`, `kid`) at fault. */
  claim?: string;
  expected?: unknown;
  found?: unknown;
};

export declare class LogtoError extends Error {
  code: LogtoErrorCode;
  data?: unknown;
  name: string;
  constructor(code: LogtoErrorCode, data?: unknown, message?: string);
}

export declare class LogtoClientError extends Error {
  name: string;
  code: LogtoClientErrorCode;
  data: unknown;
  constructor(code: LogtoClientErrorCode, data?: unknown, message?: string);
}

export declare class LogtoRequestError extends Error {
  code: string;
  /** The original response object from the server. */
  cause?: Response | undefined;
  name: string;
  constructor(code: string, message: string, cause?: Response | undefined);
}

export declare class OidcError {
  error: string;
  errorDescription?: string | undefined;
  name: string;
  constructor(error: string, errorDescription?: string | undefined);
}

/** Ours: the WebAssembly core could not load, storage refused, a config, argument or adapter
 * member was refused, or an internal fault. */
export declare class LogtoWasmError extends Error {
  name: string;
  code: LogtoWasmErrorCode;
  data?: unknown;
  constructor(code: LogtoWasmErrorCode, message?: string, data?: unknown);
}

export declare const isLogtoRequestError: (data: unknown) => data is LogtoRequestError;

/** @deprecated Use {@link PersistKey} instead. */
export type StorageKey = 'idToken' | 'refreshToken' | 'accessToken' | 'signInSession';

/** The storage object that allows the client to persist data (compatible with `localStorage`). */
export type Storage<Keys extends string> = {
  getItem(key: Keys): Promise<Nullable<string>>;
  setItem(key: Keys, value: string): Promise<void>;
  removeItem(key: Keys): Promise<void>;
};

type InferStorageKey<S> = S extends Storage<infer Key> ? Key : never;

/** A `fetch`-like function that resolves to the parsed response body. */
export type Requester = <T>(...args: Parameters<typeof fetch>) => Promise<T>;

export type Navigate = (
  url: string,
  parameters: {
    redirectUri?: string;
    for: 'sign-in' | 'sign-out' | 'post-sign-in';
  },
) => void | Promise<void>;

export type JwtVerifier = {
  verifyIdToken(idToken: string): Promise<void>;
};

/** The adapter object that allows the customizations of the client behavior. */
export type ClientAdapter = {
  requester: Requester;
  storage: Storage<StorageKey | PersistKey>;
  unstable_cache?: Storage<CacheKey>;
  navigate: Navigate;
  generateState: () => string | Promise<string>;
  generateCodeVerifier: () => string | Promise<string>;
  generateCodeChallenge: (codeVerifier: string) => string | Promise<string>;
};

declare class ClientAdapterInstance implements ClientAdapter {
  requester: Requester;
  storage: Storage<StorageKey | PersistKey>;
  unstable_cache?: Storage<CacheKey> | undefined;
  navigate: Navigate;
  generateState: () => string | Promise<string>;
  generateCodeVerifier: () => string | Promise<string>;
  generateCodeChallenge: (codeVerifier: string) => string | Promise<string>;
  constructor(adapter: ClientAdapter);
  setStorageItem(key: InferStorageKey<typeof this.storage>, value: Nullable<string>): Promise<void>;
  getCachedObject<T>(key: CacheKey): Promise<T | undefined>;
  getWithCache<T>(key: CacheKey, getter: () => Promise<T>): Promise<T>;
}

type LogtoSignInSessionItem = {
  redirectUri: string;
  postRedirectUri?: string;
  codeVerifier: string;
  state: string;
};

export declare class BrowserStorage implements Storage<StorageKey> {
  readonly appId: string;
  constructor(appId: string);
  getKey(item?: string): string;
  getItem(key: StorageKey): Promise<Nullable<string>>;
  setItem(key: StorageKey, value: string): Promise<void>;
  removeItem(key: StorageKey): Promise<void>;
}

/** Creates a requester from a `fetch`-like function; the core's requests go through that function. */
export declare const createRequester: (fetchFunction: typeof fetch) => Requester;
export declare const generateState: () => string;
export declare const generateCodeVerifier: () => string;
export declare const generateCodeChallenge: (codeVerifier: string) => Promise<string>;

declare class StandardLogtoClient {
  readonly logtoConfig: LogtoConfig;
  readonly getOidcConfig: () => Promise<OidcConfigResponse>;
  readonly getAccessToken: (
    this: unknown,
    resource?: string | undefined,
    organizationId?: string | undefined,
  ) => Promise<string>;
  readonly getOrganizationToken: (this: unknown, organizationId: string) => Promise<string>;
  readonly clearAccessToken: (this: unknown) => Promise<void>;
  readonly clearAllTokens: (this: unknown) => Promise<void>;
  readonly handleSignInCallback: (this: unknown, callbackUri: string) => Promise<void>;
  /** The adapter; `navigate` and the requester's fetch are used for the core's effects. */
  readonly adapter: ClientAdapterInstance;
  protected jwtVerifierInstance: JwtVerifier;
  get jwtVerifier(): JwtVerifier;
  constructor(
    logtoConfig: LogtoConfig,
    adapter: ClientAdapter,
    buildJwtVerifier: (client: StandardLogtoClient) => JwtVerifier,
  );
  /** Replaces ID-token verification, as in @logto/client. */
  setJwtVerifier(
    buildJwtVerifier: JwtVerifier | ((client: StandardLogtoClient) => JwtVerifier),
  ): void;
  isAuthenticated(): Promise<boolean>;
  getRefreshToken(): Promise<Nullable<string>>;
  getIdToken(): Promise<Nullable<string>>;
  getIdTokenClaims(): Promise<IdTokenClaims>;
  getAccessTokenClaims(resource?: string): Promise<AccessTokenClaims>;
  getOrganizationTokenClaims(organizationId: string): Promise<AccessTokenClaims>;
  fetchUserInfo(): Promise<UserInfoResponse>;
  signIn(options: SignInOptions): Promise<void>;
  signIn(redirectUri: SignInOptions['redirectUri']): Promise<void>;
  /** @deprecated Use the object parameter instead. */
  signIn(
    redirectUri: SignInOptions['redirectUri'],
    interactionMode?: SignInOptions['interactionMode'],
    loginHint?: SignInOptions['loginHint'],
  ): Promise<void>;
  isSignInRedirected(url: string): Promise<boolean>;
  signOut(postLogoutRedirectUri?: string): Promise<void>;
  protected getSignInSession(): Promise<Nullable<LogtoSignInSessionItem>>;
  protected setSignInSession(value: Nullable<LogtoSignInSessionItem>): Promise<void>;
}

/** @logto/client's LogtoClient: the base class, with the default JWT verifier. */
export declare class BaseClient extends StandardLogtoClient {
  constructor(
    logtoConfig: LogtoConfig,
    adapter: ClientAdapter,
    buildJwtVerifier?: (client: StandardLogtoClient) => JwtVerifier,
  );
}

export default class LogtoClient extends BaseClient {
  /**
   * @param config The configuration object for the client.
   * @param [unstable_enableCache=false] Whether to enable cache for well-known data.
   */
  constructor(config: LogtoConfig, unstable_enableCache?: boolean);
}

export {};
