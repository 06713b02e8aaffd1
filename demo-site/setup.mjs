// Registers the demo site with the provider (once per data directory) through the provider's
// CLI: the SPA application with the site's callback and sign-out URIs, and a sign-in
// experience with phone sign-up and sign-in by SMS code. The result is kept in
// {dataDir}/demo.json, so a second start reuses it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function ensureDemoApp({ providerBin, dataDir, siteUrl, experience }) {
  const run = (...args) => JSON.parse(execFileSync(providerBin, ['--data-dir', dataDir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
  const file = join(dataDir, 'demo.json');
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    if (saved.siteUrl === siteUrl && run('app', 'list').some((a) => a.id === saved.appId)) return saved;
  }
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
