// Records, at build time, the answers the core lets a page have before the core is loaded.
//
// The core marks an answer that depends only on whether some localStorage items exist with a
// `present` memo (sdk/logto/client/client.hpp, "memo"): the answer holds while each listed item's
// presence is as recorded. Such a memo names no token and no time, so one recorded here for a
// placeholder appId holds on any page for the real one. The built core is asked in Node, once
// with empty storage and once with the items it named present; the bundle carries what it said
// (the `logto-wasm:first-answers` module), and js/src/client.js answers from it on a cold page
// while the core loads. The rule itself stays in the core: change it there and the next build
// records the new one, or nothing if it is no longer a presence rule.

// Stands in for the appId in recorded keys; the bundle puts the config's appId in its place.
export const APP_ID = '{appId}';
// The calls a page makes first; each takes no arguments.
const METHODS = ['isAuthenticated'];

const mapStorage = (entries = []) => {
  const map = new Map(entries);
  return {
    getItem: (k) => (map.has(k) ? map.get(k) : null),
    setItem: (k, v) => map.set(k, String(v)),
    removeItem: (k) => map.delete(k),
  };
};

// What `core` (one instance of the module) answers for `method` with localStorage holding
// `entries`: {value, memo}. The glue reads `window` at each storage call, so a fresh one here
// gives each question its own storage.
function ask(core, method, entries) {
  const handle = core.create(JSON.stringify({ endpoint: 'https://placeholder.invalid', appId: APP_ID }));
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'window');
  globalThis.window = { localStorage: mapStorage(entries), sessionStorage: mapStorage() };
  try {
    const step = JSON.parse(core.start(handle, method, '[]'));
    // An answer that needs a request, a lock or a check first is no presence rule: not recorded.
    if (step.type !== 'done') {
      core.cancel(handle, step.op);
      return { memo: undefined };
    }
    return { value: step.value, memo: step.memo };
  } finally {
    core.destroy(handle);
    if (saved) Object.defineProperty(globalThis, 'window', saved);
    else delete globalThis.window;
  }
}

// A memo usable before the core loads: presence only, every item under the placeholder appId.
const presenceOnly = (memo) =>
  memo &&
  Object.keys(memo).join() === 'present' &&
  memo.present.length > 0 &&
  memo.present.every(([item, present]) => typeof item === 'string' && item.includes(APP_ID) && typeof present === 'boolean');

// {method: [{present, value}, ...]} for the core in `gluePath` / `wasmBytes`.
export async function recordFirstAnswers(gluePath, wasmBytes) {
  const { default: createModule } = await import(`${new URL(`file://${gluePath}`).href}?first-answers`);
  const core = await createModule({ wasm: wasmBytes });
  const out = {};
  for (const method of METHODS) {
    const answers = [];
    const empty = ask(core, method, []);
    if (!presenceOnly(empty.memo)) continue;
    answers.push({ present: empty.memo.present, value: empty.value });
    const filled = ask(core, method, empty.memo.present.map(([item]) => [item, 'x']));
    if (presenceOnly(filled.memo)) answers.push({ present: filled.memo.present, value: filled.value });
    out[method] = answers;
  }
  return out;
}
