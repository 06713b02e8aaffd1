// API authorization over HTTP (docs/provider.md, "Resources, roles and organizations"): resource
// tokens carry the requested permissions the user holds through roles, organization tokens the
// member's organization permissions; roles and organizations reach the ID token and userinfo as
// Logto names them; the refusals (unknown resource, a resource never asked for, non-member, a
// removed role at the next refresh) and the administration's own errors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { cli, cliFails, signInForTokens, startProvider } from '../support/provider-process.mjs';

const redirect = 'http://app.test/callback';
const API = 'https://api.bookstore.test';
let provider, app, ada, bob, org, otherOrg;

const payload = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url'));
const admin = (path, method = 'GET', body) =>
  fetch(`${provider.base}${path}`, { method, headers: { authorization: 'Bearer admin-secret', 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
const token = (params) =>
  fetch(`${provider.base}/oidc/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ client_id: app.id, ...params }) });
const scopes = 'openid offline_access profile roles urn:logto:scope:organizations urn:logto:scope:organization_roles read:books write:books delete:books read:members invite:members';

before(async () => {
  provider = await startProvider({ settings: { adminToken: 'admin-secret' } });
  const dir = provider.dataDir;
  app = cli(dir, 'app', 'create', '--name', 'Bookstore', '--redirect-uri', redirect);
  ada = cli(dir, 'user', 'create', '--username', 'ada', '--password', 'correct horse');
  bob = cli(dir, 'user', 'create', '--username', 'bob', '--password', 'correct horse');
  // Through the CLI: a resource with permissions, a role holding two of them, ada holding it.
  cli(dir, 'resource', 'create', '--indicator', API, '--name', 'Books');
  for (const name of ['read:books', 'write:books', 'delete:books']) cli(dir, 'resource', 'add-scope', API, '--name', name);
  cli(dir, 'role', 'create', '--name', 'reader', '--resource', API, '--scope', 'read:books', '--scope', 'write:books');
  cli(dir, 'user', 'add-roles', ada.id, '--role', 'reader');
  // Through the management API: the organization template, an organization, ada a member.
  const read = await (await admin('/api/organization-scopes', 'POST', { name: 'read:members' })).json();
  await admin('/api/organization-scopes', 'POST', { name: 'invite:members' });
  const role = await (await admin('/api/organization-roles', 'POST', { name: 'viewer', organizationScopeIds: [read.id] })).json();
  assert.deepEqual(role.scopes.map((s) => s.name), ['read:members']);
  org = await (await admin('/api/organizations', 'POST', { name: 'Acme', description: 'Books for Acme' })).json();
  otherOrg = await (await admin('/api/organizations', 'POST', { name: 'Other' })).json();
  assert.equal((await admin(`/api/organizations/${org.id}/users`, 'POST', { userIds: [ada.id] })).status, 201);
  const members = await (await admin(`/api/organizations/${org.id}/users/${ada.id}/roles`, 'POST', { organizationRoleIds: [role.id] })).json();
  assert.deepEqual(members[0].organizationRoles.map((r) => r.name), ['viewer']);
});
after(async () => {
  await provider.stop();
  provider.cleanup();
});

test('a resource token: aud is the resource, scope the requested permissions the user holds', async () => {
  const tokens = await signInForTokens(provider, app.id, { scope: scopes, resource: [API] });
  // Without `resource` the access token is for userinfo (opaque, as Logto's), with the OIDC scopes.
  assert.match(tokens.access_token, /^[\w-]{43}$/);
  assert.equal(tokens.scope, 'openid offline_access profile roles urn:logto:scope:organizations urn:logto:scope:organization_roles');
  const r = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, resource: API });
  assert.equal(r.status, 200);
  const body = await r.json();
  const claims = payload(body.access_token);
  assert.equal(claims.aud, API);
  assert.equal(claims.sub, ada.id);
  // delete:books was asked for but no role of ada's holds it: dropped, as Logto does.
  assert.equal(claims.scope, 'read:books write:books');
  assert.equal(body.scope, 'read:books write:books');
  // A narrower scope at the refresh gives a narrower token; a scope never granted is refused.
  const narrow = await (await token({ grant_type: 'refresh_token', refresh_token: body.refresh_token, resource: API, scope: 'read:books' })).json();
  assert.equal(payload(narrow.access_token).scope, 'read:books');
  const wider = await token({ grant_type: 'refresh_token', refresh_token: narrow.refresh_token, resource: API, scope: 'read:books admin:everything' });
  assert.equal(wider.status, 400);
  assert.deepEqual(await wider.json(), { error: 'invalid_scope', error_description: 'The refresh token was not granted the scope "admin:everything".' });
});

test('the code exchange with a resource gives the resource token at once; bob holds no role', async () => {
  const adaTokens = await signInForTokens(provider, app.id, { scope: scopes, resource: API });
  assert.equal(payload(adaTokens.access_token).scope, 'read:books write:books');
  const bobTokens = await signInForTokens(provider, app.id, { scope: scopes, resource: API }, { identifier: 'bob' });
  assert.equal(payload(bobTokens.access_token).aud, API);
  assert.equal(payload(bobTokens.access_token).scope, '');
});

test('roles and organizations in the ID token and userinfo, as Logto names them', async () => {
  const tokens = await signInForTokens(provider, app.id, { scope: scopes });
  const id = payload(tokens.id_token);
  assert.deepEqual(id.roles, ['reader']);
  assert.deepEqual(id.organizations, [org.id]);
  assert.deepEqual(id.organization_roles, [`${org.id}:viewer`]);
  assert.equal(id.organization_data, undefined, 'organization_data is for userinfo only');
  const me = await (await fetch(`${provider.base}/oidc/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).json();
  assert.deepEqual(me.roles, ['reader']);
  assert.deepEqual(me.organizations, [org.id]);
  assert.deepEqual(me.organization_data, [{ id: org.id, name: 'Acme', description: 'Books for Acme' }]);
  // Without those scopes, none of those claims.
  const plain = payload((await signInForTokens(provider, app.id)).id_token);
  assert.equal(plain.roles, undefined);
  assert.equal(plain.organizations, undefined);
});

test('an organization token: aud urn:logto:organization:{id}, the member\'s organization permissions', async () => {
  const tokens = await signInForTokens(provider, app.id, { scope: scopes, resource: ['urn:logto:resource:organizations'] });
  const r = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, organization_id: org.id });
  assert.equal(r.status, 200);
  const body = await r.json();
  const claims = payload(body.access_token);
  assert.equal(claims.aud, `urn:logto:organization:${org.id}`);
  assert.equal(claims.scope, 'read:members', 'invite:members was asked for but no role of hers holds it');
  // Not a member: Logto's 403 access_denied, and the refresh token is not used up by it.
  const denied = await token({ grant_type: 'refresh_token', refresh_token: body.refresh_token, organization_id: otherOrg.id });
  assert.equal(denied.status, 403);
  assert.deepEqual(await denied.json(), { error: 'access_denied', error_description: `The user is not a member of the organization "${otherOrg.id}".` });
  const still = await token({ grant_type: 'refresh_token', refresh_token: body.refresh_token });
  assert.equal(still.status, 200, 'a refused organization token leaves the refresh token usable');
  // Without the organizations scope at sign-in: insufficient_scope.
  const plain = await signInForTokens(provider, app.id);
  const noScope = await token({ grant_type: 'refresh_token', refresh_token: plain.refresh_token, organization_id: org.id });
  assert.equal(noScope.status, 403);
  assert.equal((await noScope.json()).error, 'insufficient_scope');
  // Both at once is not supported (docs/provider.md says so).
  const both = await token({ grant_type: 'refresh_token', refresh_token: (await still.json()).refresh_token, organization_id: org.id, resource: API });
  assert.equal(both.status, 400);
  assert.equal((await both.json()).error, 'invalid_target');
});

test('refusals: an unknown resource, a resource never asked for, and a removed role at the next refresh', async () => {
  const tokens = await signInForTokens(provider, app.id, { scope: scopes, resource: [API] });
  const unknown = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, resource: 'https://nowhere.test' });
  assert.deepEqual(await unknown.json(), { error: 'invalid_target', error_description: 'The resource "https://nowhere.test" is not registered.' });
  cli(provider.dataDir, 'resource', 'create', '--indicator', 'https://api.other.test');
  const notAsked = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, resource: 'https://api.other.test' });
  assert.equal(notAsked.status, 400);
  assert.match((await notAsked.json()).error_description, /was not requested at sign-in/);
  // The role goes; the next refresh's token has none of its permissions, the ID token no role.
  const carol = cli(provider.dataDir, 'user', 'create', '--username', 'carol', '--password', 'correct horse');
  cli(provider.dataDir, 'user', 'add-roles', carol.id, '--role', 'reader');
  const carolTokens = await signInForTokens(provider, app.id, { scope: scopes, resource: [API] }, { identifier: 'carol' });
  const before = await (await token({ grant_type: 'refresh_token', refresh_token: carolTokens.refresh_token, resource: API })).json();
  assert.equal(payload(before.access_token).scope, 'read:books write:books');
  const reader = (await (await admin('/api/roles')).json()).find((r) => r.name === 'reader');
  assert.equal((await admin(`/api/users/${carol.id}/roles/${reader.id}`, 'DELETE')).status, 204);
  const after = await (await token({ grant_type: 'refresh_token', refresh_token: before.refresh_token, resource: API })).json();
  assert.equal(payload(after.access_token).scope, '');
  assert.deepEqual(payload(after.id_token).roles, []);
});

test('administration refuses bad input with a code and a message', async () => {
  const cases = [
    [() => admin('/api/roles', 'POST', { name: '' }), 400, { code: 'request.invalid_body', message: 'name is required.', field: 'name' }],
    [() => admin('/api/organizations', 'POST', { name: 'x'.repeat(129) }), 400, { code: 'request.invalid_body', message: 'The organization needs a name of 1-128 bytes.', field: 'name' }],
    [() => admin('/api/roles', 'POST', { name: 'reader' }), 400, { code: 'role.exists', message: 'A role named "reader" already exists.', field: 'name' }],
    [() => admin('/api/organization-scopes', 'POST', { name: 'read members' }), 400, { code: 'scope.invalid_name', message: 'The organization permission "read members" is not a scope name: 1-128 printable ASCII characters without spaces, quotes or backslashes.', field: 'name' }],
    [() => admin('/api/roles/nope/scopes', 'POST', { scopeIds: ['x'] }), 404, { code: 'role.not_found', message: 'No role "nope".' }],
    [() => admin(`/api/users/${bob.id}/roles`, 'POST', { roleIds: [] }), 400, { code: 'request.invalid_body', message: 'roleIds must be a non-empty list of ids.', field: 'roleIds' }],
    [() => admin(`/api/users/${bob.id}/roles`, 'POST', { roleIds: ['ghost'] }), 404, { code: 'role.not_found', message: 'No role "ghost".' }],
    [() => admin(`/api/organizations/${otherOrg.id}/users/${bob.id}/roles`, 'POST', { organizationRoleIds: ['viewer'] }), 400, { code: 'organization.not_member', message: `The user "${bob.id}" is not a member of the organization; add them first.`, field: 'userId' }],
    [() => admin(`/api/organizations/${org.id}/users`, 'POST', { userIds: ['ghost'] }), 404, { code: 'user.not_found', message: 'No user "ghost".' }],
    [() => admin('/api/resources/nope/scopes', 'POST', { name: 'x' }), 404, { code: 'resource.not_found', message: 'No API resource "nope".' }],
  ];
  for (const [request, status, body] of cases) {
    const r = await request();
    assert.equal(r.status, status, JSON.stringify(body));
    assert.deepEqual(await r.json(), body);
  }
  const resource = (await (await admin('/api/resources')).json()).find((r) => r.indicator === API);
  const taken = await admin(`/api/resources/${resource.id}/scopes`, 'POST', { name: 'read:books' });
  assert.deepEqual(await taken.json(), { code: 'scope.exists', message: `The resource ${API} already has a permission "read:books".`, field: 'name' });
  // The CLI says the same, its way.
  const cliRefusal = cliFails(provider.dataDir, ['role', 'create', '--name', 'reader']);
  assert.equal(cliRefusal.status, 1);
  assert.match(cliRefusal.stderr, /A role named "reader" already exists\. \(role\.exists\)/);
});

test('deleting a resource, role or organization takes its links with it', async () => {
  const dir = provider.dataDir;
  cli(dir, 'resource', 'create', '--indicator', 'https://api.temp.test');
  const scope = cli(dir, 'resource', 'add-scope', 'https://api.temp.test', '--name', 'temp:read');
  const role = cli(dir, 'role', 'create', '--name', 'temp', '--scope', scope.id);
  assert.deepEqual(role.scopes.map((s) => s.name), ['temp:read']);
  cli(dir, 'resource', 'delete', 'https://api.temp.test');
  assert.deepEqual(cli(dir, 'role', 'show', 'temp').scopes, []);
  const temp = cli(dir, 'org', 'create', '--name', 'Temp');
  cli(dir, 'org', 'add-members', temp.id, '--user', bob.id);
  assert.equal(cli(dir, 'org', 'members', temp.id).length, 1);
  cli(dir, 'org', 'delete', temp.id);
  assert.equal(payload((await signInForTokens(provider, app.id, { scope: scopes }, { identifier: 'bob' })).id_token).organizations.length, 0);
});
