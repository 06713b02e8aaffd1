// A throwaway PostgreSQL server for the tests: initdb in a temporary directory, listening only
// on a Unix socket there, trust authentication for the role `logto`, stopped and removed at
// the end. PostgreSQL refuses to run as root, so under root (CI) it runs as the `postgres`
// system user that Debian's package creates.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function binDir() {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  if (!versions.length) throw new Error('PostgreSQL is not installed (Debian package postgresql; scripts/setup.sh installs it)');
  return join(root, versions.sort((a, b) => Number(b) - Number(a))[0], 'bin');
}

export function startPostgres() {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'logto-pg-'));
  const root = process.getuid() === 0;
  const as = (cmd, args) => (root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const run = (cmd, args) => {
    const [c, a] = as(join(bin, cmd), args);
    return execFileSync(c, a, { cwd: dir, stdio: 'pipe', encoding: 'utf8' });
  };
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '--auth=trust', '-U', 'logto', '-E', 'UTF8', '--no-sync']);
  // Durability of the database itself is PostgreSQL's, not under test here: no fsync.
  const options = `-k ${dir} -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  start();
  let databases = 0;
  const server = {
    socketDir: dir,
    // A new, empty database and its URL.
    createDatabase(name = `t${process.pid}_${++databases}_${Date.now() % 1e6}`) {
      execFileSync('psql', ['-h', dir, '-U', 'logto', '-d', 'postgres', '-qc', `CREATE DATABASE "${name}"`], { stdio: 'pipe' });
      return server.url(name);
    },
    url: (name) => `postgresql:///${name}?host=${encodeURIComponent(dir)}&user=logto`,
    // Stops the server (fast: connections are cut) and starts it again, for outage tests.
    stopServer: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    startServer: start,
    stop() {
      try {
        server.stopServer();
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}
