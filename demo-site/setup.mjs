// Registers the demo site with the provider (once per data directory) through the provider's
// CLI: the SPA application with the site's callback and sign-out URIs, a sign-in experience
// with phone sign-up and sign-in by SMS code, and the Bookstore API's authorization: the API
// resource with its read:books permission, a `reader` role holding it, and the organization
// template (a read:shelf permission held by a `member` organization role). Roles and
// organizations are then given to people by an admin (demo-site/README.md). The result is kept
// in {dataDir}/demo.json, so a second start reuses it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { BOOKSTORE_API } from './api.mjs';

// The API resource, its permission and the roles, unless an earlier run made them.
function ensureAuthorization(run) {
  if (!run('resource', 'list').some((r) => r.indicator === BOOKSTORE_API)) {
    run('resource', 'create', '--indicator', BOOKSTORE_API, '--name', 'Bookstore API');
    run('resource', 'add-scope', BOOKSTORE_API, '--name', 'read:books', '--description', 'Read your reading list');
  }
  if (!run('role', 'list').some((r) => r.name === 'reader')) {
    run('role', 'create', '--name', 'reader', '--description', 'Reads the reading list', '--resource', BOOKSTORE_API, '--scope', 'read:books');
  }
  if (!run('org-scope', 'list').some((s) => s.name === 'read:shelf')) {
    run('org-scope', 'create', '--name', 'read:shelf', '--description', "Read the organization's shared shelf");
  }
  if (!run('org-role', 'list').some((r) => r.name === 'member')) {
    run('org-role', 'create', '--name', 'member', '--scope', 'read:shelf');
  }
}

export function ensureDemoApp({ providerBin, dataDir, siteUrl, experience }) {
  const run = (...args) => JSON.parse(execFileSync(providerBin, ['--data-dir', dataDir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  const file = join(dataDir, 'demo.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    if (saved.siteUrl === siteUrl && run('app', 'list').some((a) => a.id === saved.appId)) {
      ensureAuthorization(run);
      return saved;
    }
  }
  ensureAuthorization(run);
  const app = run(
    'app', 'create', '--name', 'Bookstore', '--type', 'spa',
    '--redirect-uri', `${siteUrl}/callback`,
    '--redirect-uri', `${siteUrl}/classic-callback`,
    '--post-logout-uri', siteUrl,
  );
  run('experience', 'set', '--json', JSON.stringify(experience ?? {
    signUp: { identifiers: ['phone'], verify: true, password: false },
    signIn: { methods: [{ identifier: 'phone', verificationCode: true, password: true }] },
    signInMode: 'SignInAndRegister',
  }));
  const saved = { appId: app.id, siteUrl };
  writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`);
  return saved;
}
