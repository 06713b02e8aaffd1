// The peer for the provider benchmarks: oidc-provider 9 with one public PKCE client, mounted
// at /oidc, ES384 signing like ours. Prints "listening <port>" when ready.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';
import { generateKeyPair, exportJWK } from 'jose';

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.address().port;
const { privateKey } = await generateKeyPair('ES384', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), alg: 'ES384', use: 'sig', kid: 'bench' };
const provider = new Provider(`http://localhost:${port}/oidc`, {
  clients: [{ client_id: 'bench', token_endpoint_auth_method: 'none', redirect_uris: ['http://app.test/cb'], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], id_token_signed_response_alg: 'ES384' }],
  jwks: { keys: [jwk] },
  pkce: { required: () => true },
});
provider.proxy = false;
const handle = provider.callback();
server.on('request', (req, res) => {
  if (!req.url.startsWith('/oidc')) {
    res.writeHead(404).end();
    return;
  }
  req.url = req.url.slice('/oidc'.length) || '/';
  handle(req, res);
});
console.log(`listening ${port}`);
