// Interop with independent relying parties: openid-client 6 (a certified RP library) and the
// unmodified @logto/browser 3, each running discovery → authorization code with PKCE → token
// with ID-token validation → userinfo → refresh → revocation/sign-out against the provider.
// The sign-in step is finished through the provider's interaction endpoints.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import * as oidc from 'openid-client';

import { installFakeWindow } from '../support/fake-window.mjs';
import { browserSignIn, cli, startProvider } from '../support/provider-process.mjs';

let provider, app, user;
const redirect = 'http://rp.test/callback';

before(async () => {
  provider = await startProvider();
  app = cli(provider.dataDir, 'app', 'create', '--name', 'RP', '--redirect-uri', redirect, '--post-logout-uri', 'http://rp.test/');
  user = cli(provider.dataDir, 'user', 'create', '--username', 'ada', '--password', 'correct horse', '--name', 'Ada');
});

after(async () => {
  await provider?.stop();
  provider?.cleanup();
});

test('openid-client: discovery, code + PKCE, ID token validation, userinfo, refresh, revocation', async () => {
  const config = await oidc.discovery(
    new URL(`${provider.base}/oidc`),
    app.id,
    { id_token_signed_response_alg: 'ES384' },
    oidc.None(),
    { execute: [oidc.allowInsecureRequests] },
  );
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirect,
    scope: 'openid offline_access profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const { callback } = await browserSignIn(url.href, { identifier: 'ada', password: 'correct horse' });
  const tokens = await oidc.authorizationCodeGrant(config, new URL(callback), {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  assert.equal(claims.sub, user.id);
  assert.equal(claims.nonce, nonce);
  assert.equal(claims.name, 'Ada');

  const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
  assert.equal(info.username, 'ada');

  const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token);
  assert.ok(refreshed.refresh_token && refreshed.refresh_token !== tokens.refresh_token);
  assert.equal(refreshed.claims().sub, user.id);

  await oidc.tokenRevocation(config, refreshed.refresh_token);
  await assert.rejects(oidc.refreshTokenGrant(config, refreshed.refresh_token), (e) => e.error === 'invalid_grant');
});

test('@logto/browser 3, unmodified: sign-in, claims, refresh, userinfo, sign-out', async () => {
  const { window, navigations } = installFakeWindow();
  const { default: LogtoClient } = await import('@logto/browser');
  const client = new LogtoClient({ endpoint: provider.base, appId: app.id });
  await client.signIn(redirect);
  const { callback } = await browserSignIn(navigations.at(-1), { identifier: 'ada', password: 'correct horse' });
  await client.handleSignInCallback(callback);
  assert.equal(await client.isAuthenticated(), true);
  assert.equal((await client.getIdTokenClaims()).sub, user.id);
  const first = await client.getRefreshToken();
  await client.clearAccessToken();
  assert.ok(await client.getAccessToken());
  assert.notEqual(await client.getRefreshToken(), first);
  assert.equal((await client.fetchUserInfo()).sub, user.id);
  await client.signOut('http://rp.test/');
  assert.equal(window.localStorage.getItem(`logto:${app.id}:refreshToken`), null);
  assert.equal(new URL(navigations.at(-1)).pathname, '/oidc/session/end');
});
