import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/free-port.js';

/**
 * A PostgreSQL server of the test's own (initdb in a temporary folder, its own port), so that a test may stop and start
 * it without touching the shared server on 5432. PostgreSQL refuses to run as root, so as root it runs as `postgres`.
 */
export interface OwnPostgres {
  /** The `postgres` database on it, with trust authentication. */
  url: string;
  stop(): void;
  start(): void;
  destroy(): void;
  /** What the server has logged, for failure messages. */
  log(): string;
}

function binary(name: string): string {
  const versions = fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').sort() : [];
  const version = versions.at(-1);
  if (!version) throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql: install the postgresql package.');
  return path.join('/usr/lib/postgresql', version, 'bin', name);
}

function runAsServerUser(command: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  execFileSync(asRoot ? 'runuser' : command, asRoot ? ['-u', 'postgres', '--', command, ...args] : args, { stdio: 'pipe' });
}

/**
 * `dataDirectory`: where its data directory goes (created, and owned by the server's user), for a test that puts it on
 * a filesystem of its own; its log and socket stay in the temporary folder, so that they still work when that fills.
 */
export async function startOwnPostgres(options: { dataDirectory?: string } = {}): Promise<OwnPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-own-pg-'));
  const data = options.dataDirectory ?? path.join(dir, 'data');
  if (options.dataDirectory) fs.mkdirSync(data, { recursive: true });
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir, ...(options.dataDirectory ? [data] : [])]);
  const port = await freePort();
  runAsServerUser(binary('initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  const start = () =>
    runAsServerUser(binary('pg_ctl'), ['-D', data, '-o', serverOptions, '-l', path.join(dir, 'server.log'), '-w', 'start']);
  const stop = () => runAsServerUser(binary('pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    log: () => fs.readFileSync(path.join(dir, 'server.log'), 'utf8'),
    destroy() {
      try {
        stop();
      } catch {
        // Already stopped.
      }
      fs.rmSync(dir, { recursive: true, force: true });
      if (options.dataDirectory) fs.rmSync(data, { recursive: true, force: true });
    },
  };
}
