// Runs a command with a throwaway PostgreSQL server (tests/support/postgres-server.mjs) and
// LOGTO_TEST_POSTGRES set to its socket directory, so the provider's test helpers give each
// data directory its own database there; the server is removed afterwards.
//   node scripts/with-postgres.mjs node --test tests/provider/*.test.mjs
import { spawnSync } from 'node:child_process';

import { startPostgres } from '../tests/support/postgres-server.mjs';

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error('usage: node scripts/with-postgres.mjs COMMAND [ARGS...]');
  process.exit(2);
}
const pg = startPostgres();
let status = 1;
try {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, LOGTO_TEST_POSTGRES: pg.socketDir } });
  status = r.status ?? 1;
} finally {
  pg.stop();
}
process.exit(status);
