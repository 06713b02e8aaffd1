// The effects the core asks for, performed with the browser's own APIs. No protocol
// logic: the request is sent exactly as the core describes it.

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
  return new Promise((resolve, reject) => {
    locks.request(name, () => new Promise((release) => resolve(release))).catch(reject);
  });
}
