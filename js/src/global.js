// The classic-script build: `<script src=".../logto.global.js">` defines window.LogtoClient,
// with the named exports as its static properties (LogtoClient.LogtoClientError, ...).
import LogtoClient, * as named from './index.js';

for (const [name, value] of Object.entries(named)) {
  if (name !== 'default') LogtoClient[name] = value;
}
globalThis.LogtoClient = LogtoClient;
