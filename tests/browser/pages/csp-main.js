// csp.html's module, external because its CSP forbids inline scripts.
import LogtoClient, * as sdk from '/dist/logto.mjs';

window.sdk = sdk;
window.logtoClient = new LogtoClient({ endpoint: window.TEST.endpoint, appId: window.TEST.appId });
window.ready = true;
