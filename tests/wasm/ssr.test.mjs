// Without `window` (server-side rendering, Node), importing and reading never crash: reads
// are empty, as with @logto/browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('no window: import works, reads return nothing', async () => {
  assert.equal(typeof globalThis.window, 'undefined');
  const { default: LogtoClient } = await import('../../js/dist/logto.mjs');
  const client = new LogtoClient({ endpoint: 'http://provider.test', appId: 'app1' });
  assert.equal(await client.isAuthenticated(), false);
  assert.equal(await client.getIdToken(), null);
  assert.equal(await client.getRefreshToken(), null);
  await client.clearAllTokens(); // writes are no-ops
});
