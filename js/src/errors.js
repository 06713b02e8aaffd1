// The error classes of @logto/browser 3.x, with the same names, fields, constructor signatures
// and default messages, so `instanceof`, `switch (error.code)` and logs keep working; plus
// LogtoWasmError for the failures @logto has no code for. The core (C++) decides every error and
// writes what follows @logto's base message for its code; toJsError puts the base message from
// these tables in front, so the texts ship once. A third `message` argument is ours.

const logtoMessages = {
  'id_token.invalid_iat': 'Invalid issued at time in the ID token',
  'id_token.invalid_token': 'Invalid ID token',
  'callback_uri_verification.redirect_uri_mismatched': 'The callback URI mismatches the redirect URI.',
  'callback_uri_verification.error_found': 'Error found in the callback URI',
  'callback_uri_verification.missing_state': 'Missing state in the callback URI',
  'callback_uri_verification.state_mismatched': 'State mismatched in the callback URI',
  'callback_uri_verification.missing_code': 'Missing code in the callback URI',
  crypto_subtle_unavailable: 'Crypto.subtle is unavailable in insecure contexts (non-HTTPS).',
  unexpected_response_error: 'Unexpected response error from the server.',
};

const clientMessages = {
  'sign_in_session.invalid': 'Invalid sign-in session.',
  'sign_in_session.not_found': 'Sign-in session not found.',
  not_authenticated: 'Not authenticated.',
  fetch_user_info_failed: 'Unable to fetch user info. The access token may be invalid.',
  user_cancelled: 'The user cancelled the action.',
  missing_scope_organizations: 'The `urn:logto:scope:organizations` scope is required',
};

export class LogtoError extends Error {
  constructor(code, data, message) {
    super(message ?? logtoMessages[code]);
    this.code = code;
    this.data = data;
    this.name = 'LogtoError';
  }
}

export class LogtoClientError extends Error {
  constructor(code, data, message) {
    super(message ?? clientMessages[code]);
    this.name = 'LogtoClientError';
    this.code = code;
    this.data = data;
  }
}

export class LogtoRequestError extends Error {
  // `cause` is the failed Response, as in @logto/client 3.x.
  constructor(code, message, cause) {
    super(message);
    this.code = code;
    this.cause = cause;
    this.name = 'LogtoRequestError';
  }
}

// Not an Error subclass in @logto/js either: it travels as LogtoError's `data`.
export class OidcError {
  constructor(error, errorDescription) {
    this.error = error;
    this.errorDescription = errorDescription;
    this.name = 'OidcError';
  }
}

// Ours, for LogtoWasmError's codes (the core's sdk/logto/error_messages.cpp has the same).
const wasmMessages = {
  invalid_config: 'Invalid LogtoClient config.',
  storage_unavailable: 'Browser storage is unavailable.',
  crypto_unavailable: 'No secure random source is available.',
  internal_error: 'Internal SDK error.',
  'callback_uri_verification.issuer_mismatched': 'The sign-in response comes from another issuer.',
  'callback_uri_verification.missing_issuer': 'The sign-in response has no issuer.',
};

// Ours: the WebAssembly core could not load, storage refused, a config or argument was refused,
// an adapter member cannot be honoured, or an internal fault. Its own class and codes, so
// Logto's unions stay exactly Logto's.
export class LogtoWasmError extends Error {
  constructor(code, message, data) {
    super(message ?? wasmMessages[code] ?? code);
    this.name = 'LogtoWasmError';
    this.code = code;
    this.data = data;
  }
}

export const isLogtoRequestError = (data) => data instanceof Error && data.name === 'LogtoRequestError';

// A message as the core's native build writes it: @logto's base message for the code, then
// what the core says of this failure.
const withBase = (base, detail) => (base && detail ? `${base} ${detail}` : base || detail);

// The core's error object ({class, code, message, data?, status?}) as the class @logto throws;
// for Logto's classes and ours, `message` is what follows the code's base message. `fetched` is
// the last fetch: what fetch() itself threw, rethrown as is for a network failure, or the
// failed Response, a LogtoRequestError's `cause`.
export function toJsError(error, fetched) {
  const { code, message, data, status } = error;
  switch (error.class) {
    case 'LogtoError':
      return new LogtoError(
        code,
        data?.name === 'OidcError' ? new OidcError(data.error, data.errorDescription) : data,
        withBase(logtoMessages[code], message),
      );
    case 'LogtoRequestError': {
      const cause =
        fetched?.response ??
        (typeof Response === 'function' ? new Response(data === undefined ? '' : JSON.stringify(data), { status }) : undefined);
      return new LogtoRequestError(code, message, cause);
    }
    case 'TypeError':
      return fetched?.error ?? new TypeError(message);
    case 'LogtoClientError':
      return new LogtoClientError(code, data, withBase(clientMessages[code], message));
    default:
      return new LogtoWasmError(code, withBase(wasmMessages[code], message), data);
  }
}
