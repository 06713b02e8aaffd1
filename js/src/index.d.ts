// Types of logto-wasm, the drop-in for @logto/browser 3.x. Names and shapes follow
// @logto/browser, @logto/client and @logto/js so code typed against them compiles unchanged.

export declare const Prompt: {
  readonly None: 'none';
  readonly Consent: 'consent';
  readonly Login: 'login';
};
export type Prompt = (typeof Prompt)[keyof typeof Prompt];

export declare const ReservedScope: {
  readonly OpenId: 'openid';
  readonly OfflineAccess: 'offline_access';
};
export type ReservedScope = (typeof ReservedScope)[keyof typeof ReservedScope];

export declare const ReservedResource: {
  readonly Organization: 'urn:logto:resource:organizations';
};
export type ReservedResource = (typeof ReservedResource)[keyof typeof ReservedResource];

export declare const UserScope: {
  readonly Profile: 'profile';
  readonly Email: 'email';
  readonly Phone: 'phone';
  readonly Address: 'address';
  readonly CustomData: 'custom_data';
  readonly Identities: 'identities';
  readonly Roles: 'roles';
  readonly Organizations: 'urn:logto:scope:organizations';
  readonly OrganizationRoles: 'urn:logto:scope:organization_roles';
  readonly Sessions: 'urn:logto:scope:sessions';
};
export type UserScope = (typeof UserScope)[keyof typeof UserScope];

export type LogtoConfig = {
  /** The provider's base URL, e.g. `https://example.logto.app`. */
  endpoint: string;
  /** The application ID the provider issued. */
  appId: string;
  appSecret?: string;
  scopes?: string[];
  resources?: string[];
  prompt?: Prompt | Prompt[];
  includeReservedScopes?: boolean;
};

export type InteractionMode = 'signIn' | 'signUp';
export type FirstScreen =
  | 'signIn'
  | 'register'
  | 'reset_password'
  | 'identifier:sign_in'
  | 'identifier:register'
  | 'single_sign_on';
export type Identifier = 'email' | 'phone' | 'username';

export type DirectSignInOptions = {
  method: 'social' | 'sso';
  target: string;
};

export type SignInOptions = {
  redirectUri: string | URL;
  postRedirectUri?: string | URL;
  prompt?: Prompt | Prompt[];
  clearTokens?: boolean;
  interactionMode?: InteractionMode;
  firstScreen?: FirstScreen;
  identifiers?: Identifier[];
  loginHint?: string;
  directSignIn?: DirectSignInOptions;
  oneTimeToken?: string;
  extraParams?: Record<string, string>;
};

export type IdTokenClaims = {
  iss: string;
  sub: string;
  aud: string;
  exp: number;
  iat: number;
  at_hash?: string;
  name?: string | null;
  username?: string | null;
  picture?: string | null;
  email?: string | null;
  email_verified?: boolean;
  phone_number?: string | null;
  phone_number_verified?: boolean;
  roles?: string[];
  organizations?: string[];
  organization_roles?: string[];
  [key: string]: unknown;
};

export type AccessTokenClaims = {
  jti?: string;
  iss?: string;
  sub?: string;
  aud?: string;
  exp?: number;
  iat?: number;
  client_id?: string;
  scope?: string;
  [key: string]: unknown;
};

export type UserInfoResponse = IdTokenClaims & {
  custom_data?: unknown;
  identities?: Record<string, unknown>;
  [key: string]: unknown;
};

export type OidcConfigResponse = {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint: string;
  endSessionEndpoint: string;
  revocationEndpoint: string;
  jwksUri: string;
  issuer: string;
  [key: string]: unknown;
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
  | 'unexpected_response_error'
  | 'oidc_config.invalid'
  | 'jwks.invalid'
  | 'crypto_unavailable'
  | 'internal_error';

export type LogtoClientErrorCode =
  | 'sign_in_session.invalid'
  | 'sign_in_session.not_found'
  | 'not_authenticated'
  | 'fetch_user_info_failed'
  | 'user_cancelled'
  | 'missing_scope_organizations'
  | 'invalid_config'
  | 'storage_unavailable'
  | 'wasm_unavailable';

export declare class LogtoError extends Error {
  name: 'LogtoError';
  code: LogtoErrorCode;
  data: unknown;
  constructor(code: LogtoErrorCode, data?: unknown, message?: string);
}

export declare class LogtoClientError extends Error {
  name: 'LogtoClientError';
  code: LogtoClientErrorCode;
  data: unknown;
  constructor(code: LogtoClientErrorCode, data?: unknown, message?: string);
}

export declare class LogtoRequestError extends Error {
  name: 'LogtoRequestError';
  code: string;
  cause?: Response;
  /** Ours: the HTTP status and the parsed error body. */
  status?: number;
  data?: unknown;
  constructor(code: string, message: string, cause?: Response);
}

export declare class OidcError {
  name: 'OidcError';
  error: string;
  errorDescription?: string;
  constructor(error: string, errorDescription?: string);
}

export default class LogtoClient {
  constructor(config: LogtoConfig);
  readonly logtoConfig: LogtoConfig;

  signIn(options: SignInOptions): Promise<void>;
  signIn(
    redirectUri: string | URL,
    interactionMode?: InteractionMode,
    loginHint?: string,
  ): Promise<void>;
  handleSignInCallback(callbackUri: string): Promise<void>;
  isSignInRedirected(url: string): Promise<boolean>;
  isAuthenticated(): Promise<boolean>;
  getIdToken(): Promise<string | null>;
  getIdTokenClaims(): Promise<IdTokenClaims>;
  getRefreshToken(): Promise<string | null>;
  getAccessToken(resource?: string, organizationId?: string): Promise<string>;
  getAccessTokenClaims(resource?: string): Promise<AccessTokenClaims>;
  getOrganizationToken(organizationId: string): Promise<string>;
  getOrganizationTokenClaims(organizationId: string): Promise<AccessTokenClaims>;
  fetchUserInfo(): Promise<UserInfoResponse>;
  clearAccessToken(): Promise<void>;
  clearAllTokens(): Promise<void>;
  signOut(postLogoutRedirectUri?: string): Promise<void>;
  getOidcConfig(): Promise<OidcConfigResponse>;
}
