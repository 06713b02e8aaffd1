// Loads the WebAssembly core once, lazily, and drives one operation of it: the core returns
// steps (fetch / navigate / lock / verify / signature / done / failed), this loop performs them through the
// client's host and resumes it. No protocol logic here.
import createModule from 'logto-wasm:glue';
import { loadWasmBinary } from 'logto-wasm:binary';

import { acquireLock, performFetch, sha256, verifySignature } from './effects.js';
import { LogtoWasmError, toJsError } from './errors.js';

let loading;

// The module, loaded on first use. A failure rejects with what went wrong and is not
// cached: the next call tries again (the network may be back, the CSP may be fixed).
export function loadCore() {
  loading ??= (async () => {
    try {
      if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is not available');
      // The minimal runtime takes the bytes as `wasm` and resolves with the module once ready.
      return await createModule({ wasm: await loadWasmBinary() });
    } catch (cause) {
      loading = undefined;
      const reason = String(cause?.message ?? cause);
      const csp = /unsafe-eval|Content.Security.Policy|CSP/i.test(reason)
        ? " This page's Content-Security-Policy blocks WebAssembly: add 'wasm-unsafe-eval' to script-src."
        : '';
      throw new LogtoWasmError(
        'wasm_unavailable',
        `The sign-in SDK could not start its WebAssembly core: ${reason}.${csp}`,
        cause,
      );
    }
  })();
  return loading;
}

// One client of the core: its handle, and the three calls run() makes with it.
export function createCoreClient(module, config) {
  const handle = module.create(JSON.stringify(config ?? null));
  return {
    start: (method, args) => module.start(handle, method, args),
    resume: (op, status, body, message) => module.resume(handle, op, status, body, message),
    cancel: (op) => module.cancel(handle, op),
  };
}

// The response for a fetch step: the early GET's, when one was started for this very request
// (a plain GET of that URL) and it succeeded; otherwise the request is sent now.
async function fetchFor(request, early, fetchFunction) {
  const { method, url, headers, body } = request;
  const pending = early.get(url);
  if (pending && method === 'GET' && !body && !Object.keys(headers ?? {}).length) {
    early.delete(url);
    const result = await pending;
    if (result.status >= 200 && result.status < 300) return result;
  }
  return performFetch(fetchFunction, request);
}

// `host` performs the effects: {fetch(url, init), navigate(url), verify(idToken)}, and keeps a
// result's memo (remember(memo, value)) if it wants to. A verifier that throws ends the
// operation with its own error, as @logto does.
export async function run(core, method, args, host) {
  let step = JSON.parse(core.start(method, JSON.stringify(args)));
  let release;
  let fetched;
  // GETs the core said it would ask for next (a request's `prefetch`), started early: url ->
  // the pending result, each handed to the first matching fetch step and then forgotten.
  const early = new Map();
  try {
    for (;;) {
      switch (step.type) {
        case 'fetch': {
          const answer = fetchFor(step.request, early, host.fetch); // sent first
          const { prefetch } = step.request;
          if (prefetch && !early.has(prefetch)) {
            early.set(prefetch, performFetch(host.fetch, { method: 'GET', url: prefetch, headers: {}, body: '' }));
          }
          fetched = await answer;
          step = JSON.parse(core.resume(step.op, fetched.status, fetched.body, fetched.message));
          break;
        }
        case 'navigate':
          await host.navigate(step.url);
          step = JSON.parse(core.resume(step.op, 0, '', ''));
          break;
        case 'lock':
          release = await acquireLock(step.name);
          step = JSON.parse(core.resume(step.op, 0, '', ''));
          break;
        case 'verify':
          await host.verify(step.idToken);
          step = JSON.parse(core.resume(step.op, 0, '', ''));
          break;
        case 'signature': {
          const { status, message } = await verifySignature(step.check);
          step = JSON.parse(core.resume(step.op, status, '', message));
          break;
        }
        case 'digest':
          step = JSON.parse(core.resume(step.op, 1, await sha256(step.data), ''));
          break;
        case 'done':
          if (step.memo) host.remember?.(step.memo, step.value);
          return step.value;
        default:
          throw toJsError(step.error, fetched);
      }
    }
  } finally {
    release?.();
    // Forget an operation we stopped driving (a navigation, lock or verifier threw).
    if (step.type !== 'done' && step.type !== 'failed') core.cancel(step.op);
  }
}
