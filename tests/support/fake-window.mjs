// A browser-like `window` for Node tests: Storage objects with the Web Storage API (and a
// switch to make writes fail like a full or disabled storage), and a location whose
// assign() records where the SDK navigated.
export class FakeStorage {
  #items = new Map();
  failWith = null; // an Error to throw from setItem/getItem, like Safari private mode

  getItem(key) {
    if (this.failWith) throw this.failWith;
    return this.#items.has(key) ? this.#items.get(key) : null;
  }
  setItem(key, value) {
    if (this.failWith) throw this.failWith;
    this.#items.set(key, String(value));
  }
  removeItem(key) {
    this.#items.delete(key);
  }
  keys() {
    return [...this.#items.keys()].sort();
  }
}

export function installFakeWindow() {
  const navigations = [];
  const window = {
    localStorage: new FakeStorage(),
    sessionStorage: new FakeStorage(),
    location: { assign: (url) => navigations.push(String(url)) },
  };
  globalThis.window = window;
  // Browser globals some libraries read without `window.` (@logto/browser does).
  globalThis.localStorage = window.localStorage;
  globalThis.sessionStorage = window.sessionStorage;
  return { window, navigations };
}

// Routes globalThis.fetch to an in-process handler ({method, url, headers, body} -> {status, body}).
export function routeFetch(handle) {
  const requests = [];
  globalThis.fetch = async (url, init = {}) => {
    const request = { method: init.method ?? 'GET', url: String(url), headers: init.headers ?? {}, body: init.body ?? '' };
    requests.push(request);
    const out = await handle(request);
    return new Response(out.body === '' ? null : out.body, { status: out.status });
  };
  return requests;
}
