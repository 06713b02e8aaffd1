// The Bookstore's small protected API, as a resource server does it: the bearer token must be a
// JWT signed by one of the provider's keys (its JWKS), from its issuer, for this audience, not
// expired, with the permission the route needs. Node's own crypto; nothing else.
import { createPublicKey, verify } from 'node:crypto';

export const BOOKSTORE_API = 'https://bookstore.example/api';

const READING_LIST = [
  { title: 'The Quiet Harbour', progress: 'chapter 7' },
  { title: 'Maps of Tokyo', progress: 'not started' },
];

// Keys by kid, fetched from the provider's JWKS, again when an unknown kid shows up (a key
// rotation), at most every 10 s.
function keyStore(jwksUrl) {
  let keys = new Map();
  let fetchedAt = 0;
  return async (kid) => {
    if (!keys.has(kid) && Date.now() - fetchedAt > 10_000) {
      fetchedAt = Date.now();
      const jwks = await (await fetch(jwksUrl)).json();
      keys = new Map(jwks.keys.map((jwk) => [jwk.kid, createPublicKey({ key: jwk, format: 'jwk' })]));
    }
    return keys.get(kid);
  };
}

const HASH = { ES256: 'sha256', ES384: 'sha384', ES512: 'sha512', RS256: 'sha256' };

// The token's claims, or throws {status, message} saying what is wrong.
async function verifyToken(header, { issuer, audience, key }) {
  const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  if (!token) throw { status: 401, message: 'Send an access token: Authorization: Bearer ...' };
  const [h, p, s] = token.split('.');
  let head, claims;
  try {
    head = JSON.parse(Buffer.from(h, 'base64url'));
    claims = JSON.parse(Buffer.from(p, 'base64url'));
  } catch {
    throw { status: 401, message: 'The access token is not a JWT.' };
  }
  const publicKey = HASH[head.alg] && (await key(head.kid));
  const signed = Buffer.from(`${h}.${p}`);
  const options = head.alg?.startsWith('ES') ? { key: publicKey, dsaEncoding: 'ieee-p1363' } : publicKey;
  if (!publicKey || !verify(HASH[head.alg], signed, options, Buffer.from(s ?? '', 'base64url'))) {
    throw { status: 401, message: 'The access token was not signed by the provider.' };
  }
  if (claims.iss !== issuer) throw { status: 401, message: 'The access token is from another issuer.' };
  if (claims.aud !== audience) throw { status: 401, message: `The access token is not for ${audience}.` };
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= Date.now()) throw { status: 401, message: 'The access token has expired.' };
  return claims;
}

const scopesOf = (claims) => (claims.scope ?? '').split(' ').filter(Boolean);

// Answers /api/... requests; returns false for other paths. config: {endpoint} (read per call).
export function bookstoreApi(config) {
  let key;
  let keysFor;
  return async (req, res, path) => {
    const route = /^\/api\/reading-list$/.exec(path) ?? /^\/api\/organizations\/([^/]+)\/shelf$/.exec(path);
    if (!route) return false;
    if (keysFor !== config.endpoint) {
      key = keyStore(`${config.endpoint}/oidc/jwks`);
      keysFor = config.endpoint;
    }
    const send = (status, body) => res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
    try {
      const organizationId = route[1];
      const audience = organizationId ? `urn:logto:organization:${organizationId}` : BOOKSTORE_API;
      const claims = await verifyToken(req.headers.authorization, { issuer: `${config.endpoint}/oidc`, audience, key });
      const needed = organizationId ? 'read:shelf' : 'read:books';
      if (!scopesOf(claims).includes(needed)) {
        send(403, { error: 'insufficient_scope', message: `This needs the ${needed} permission; ask an admin for the ${organizationId ? 'member organization role' : 'reader role'}.` });
      } else if (organizationId) {
        send(200, { organizationId, books: [{ title: 'Small Machines', sharedBy: claims.sub }] });
      } else {
        send(200, { user: claims.sub, books: READING_LIST });
      }
    } catch (e) {
      send(e.status ?? 500, { error: e.status ? 'invalid_token' : 'server_error', message: e.message ?? String(e) });
    }
    return true;
  };
}
