// A short smoke of `npm run bench`'s SDK measures in Chromium (bench/sdk-browser.mjs): one load
// and one sign-in each for ours and @logto/browser, with the network emulation the callback row
// uses, so the bench cannot rot between runs. Its figures are the bench's business, not this
// test's: here they only have to exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { measureBrowser } from '../../bench/sdk-browser.mjs';

test('the SDK bench runs both SDKs through loads, a callback and cached tokens', async () => {
  const r = await measureBrowser({ loads: 1, callbacks: 1, latency: 5 });
  for (const sdk of ['ours', 'peer']) {
    assert.equal(r[sdk].cold.n, 1, `${sdk}: one cold load`);
    assert.ok(r[sdk].cold.median > 0, `${sdk}: cold load measured`);
    assert.equal(r[sdk].coldCore.n, 1, `${sdk}: one cold load to getRefreshToken()`);
    assert.ok(r[sdk].coldCore.median > 0, `${sdk}: cold load to getRefreshToken() measured`);
    assert.equal(r[sdk].callback.n, 1, `${sdk}: one callback`);
    // Each of the callback's requests waited the emulated 5 ms at least.
    assert.ok(r[sdk].callback.median >= 10, `${sdk}: callback ${r[sdk].callback.median} ms`);
    assert.ok(r[sdk].cachedPerSecond.median > 100, `${sdk}: cached getAccessToken() answered`);
  }
});
