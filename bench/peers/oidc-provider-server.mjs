// The peer for the provider benchmarks: oidc-provider 9 with one public PKCE client, mounted
// at /oidc, ES384 signing like ours. Prints "listening <port>" when ready. Started by
// bench/peers/oidc-provider.mjs.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';
import { generateKeyPair, exportJWK } from 'jose';

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = server.address().port;
const { privateKey } = await generateKeyPair('ES384', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), alg: 'ES384', use: 'sig', kid: 'bench' };
// A plain in-memory adapter: the development one is an LRU of 1 000 entries, too small to
// warm up and then measure in one process; a Map is the cheapest store oidc-provider can have.
const stores = new Map();
class MapAdapter {
  constructor(name) {
    if (!stores.has(name)) stores.set(name, new Map());
    this.items = stores.get(name);
  }
  async upsert(id, payload) {
    this.items.set(id, payload);
  }
  async find(id) {
    return this.items.get(id);
  }
  async findByUid(uid) {
    for (const payload of this.items.values()) if (payload.uid === uid) return payload;
    return undefined;
  }
  async findByUserCode(userCode) {
    for (const payload of this.items.values()) if (payload.userCode === userCode) return payload;
    return undefined;
  }
  async consume(id) {
    const payload = this.items.get(id);
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id) {
    this.items.delete(id);
  }
  async revokeByGrantId(grantId) {
    for (const [id, payload] of this.items) if (payload.grantId === grantId) this.items.delete(id);
  }
}

const provider = new Provider(`http://localhost:${port}/oidc`, {
  clients: [{ client_id: 'bench', token_endpoint_auth_method: 'none', redirect_uris: ['http://app.test/cb'], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], id_token_signed_response_alg: 'ES384' }],
  jwks: { keys: [jwk] },
  pkce: { required: () => true },
  enabledJWA: { idTokenSigningAlgValues: ['ES384'] },
  adapter: MapAdapter,
  ttl: { AuthorizationCode: 600, Grant: 3600, AccessToken: 3600, IdToken: 3600 },
});

// Authorization codes for the token-exchange benchmark, minted through the provider's own models as its interaction flow would, PKCE with RFC 7636's
// example challenge.
async function mintCodes(n) {
  const client = await provider.Client.find('bench');
  const codes = [];
  for (let i = 0; i < n; i++) {
    const grant = new provider.Grant({ accountId: `user-${i}`, clientId: 'bench' });
    grant.addOIDCScope('openid');
    const grantId = await grant.save();
    const code = new provider.AuthorizationCode({ accountId: `user-${i}`, client, grantId, redirectUri: 'http://app.test/cb', scope: 'openid', codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', codeChallengeMethod: 'S256', authTime: Math.floor(Date.now() / 1000) });
    codes.push(await code.save());
  }
  return codes;
}
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
// Codes on request: a line "mint <n>" on stdin answers "codes [...]".
let input = '';
process.stdin.on('data', async (d) => {
  input += d;
  let nl;
  while ((nl = input.indexOf('\n')) >= 0) {
    const line = input.slice(0, nl);
    input = input.slice(nl + 1);
    const n = /^mint (\d+)$/.exec(line);
    if (n) console.log(`codes ${JSON.stringify(await mintCodes(Number(n[1])))}`);
  }
});
