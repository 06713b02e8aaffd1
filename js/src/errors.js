// The error classes of @logto/browser 3.x, with the same names, fields and constructor
// signatures, so `instanceof` checks and `switch (error.code)` in page code keep working.
// The core (C++) decides every error and writes its message; these classes only carry them.
// A third `message` argument is ours; without it the message is the code.

export class LogtoError extends Error {
  constructor(code, data, message) {
    super(message ?? code);
    this.code = code;
    this.data = data;
    this.name = 'LogtoError';
  }
}

export class LogtoClientError extends Error {
  constructor(code, data, message) {
    super(message ?? code);
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

// The core's error object ({class, code, message, data?, status?}) as the class @logto throws.
// `fetchError` is what fetch() itself threw, rethrown as is for a network failure.
export function toJsError(error, fetchError) {
  const { code, message, data, status } = error;
  switch (error.class) {
    case 'LogtoError':
      return new LogtoError(
        code,
        data?.name === 'OidcError' ? new OidcError(data.error, data.errorDescription) : data,
        message,
      );
    case 'LogtoRequestError': {
      const body = data === undefined ? '' : JSON.stringify(data);
      const cause = typeof Response === 'function' ? new Response(body, { status }) : undefined;
      const requestError = new LogtoRequestError(code, message, cause);
      requestError.status = status;
      requestError.data = data;
      return requestError;
    }
    case 'TypeError':
      return fetchError ?? new TypeError(message);
    default:
      return new LogtoClientError(code, data, message);
  }
}
