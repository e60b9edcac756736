// A throwaway PostgreSQL cluster for tests: initdb into a temp dir, listen only on a Unix socket in /tmp,
// stop and delete it afterwards. PostgreSQL refuses to run as root, so as root it runs as `postgres`.
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { locate, requirePart } from '../system.mjs';

export interface Cluster {
  binDir: string;
  dataDir: string;
  socketDir: string;
  port: number;
  logFile: string;
  /** A connected client; `lcMessages` sets the server's message language for this session. */
  connect(lcMessages?: string): Promise<pg.Client>;
  /** A psql child process reading SQL from stdin, with its output collected. */
  psql(): PsqlSession;
  readLog(): string;
  stop(): Promise<void>;
}

export interface PsqlSession {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  send(sql: string): void;
  /** Waits until stdout holds `pattern`, or throws after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<RegExpMatchArray>;
  end(): Promise<void>;
}

/** The newest installed PostgreSQL's bin directory (or PG_BIN_DIR), found by tests/system.mjs. */
export function findPgBin(): { path: string; missing?: undefined } | { path?: undefined; missing: string } {
  return locate('postgresql');
}

const isRoot = (): boolean => process.getuid?.() === 0;

function run(bin: string, args: string[], output: 'pipe' | 'ignore' = 'pipe'): void {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  execFileSync(cmd, argv, { stdio: ['ignore', output, output], env: { ...process.env, LC_ALL: 'C.UTF-8' } });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startCluster(settings: Record<string, string> = {}): Promise<Cluster> {
  const binDir = requirePart('postgresql');
  const base = mkdtempSync(join(tmpdir(), 'dexter-pg-'));
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(base, uid, gid);
  }
  const dataDir = join(base, 'data');
  const socketDir = base;
  const logFile = join(base, 'server.log');
  const port = await freePort();
  run(join(binDir, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  // Settings go into postgresql.conf: pg_ctl passes -o through a shell, which would split values with spaces.
  const conf = {
    listen_addresses: '',
    unix_socket_directories: socketDir,
    port: String(port),
    fsync: 'off',
    ...settings,
  };
  appendFileSync(
    join(dataDir, 'postgresql.conf'),
    Object.entries(conf)
      .map(([k, v]) => `${k} = '${v.replace(/'/g, "''")}'\n`)
      .join(''),
  );
  // The server inherits pg_ctl's stdout/stderr unless they are closed, and execFileSync would wait on them.
  run(join(binDir, 'pg_ctl'), ['-D', dataDir, '-l', logFile, '-w', '-t', '30', 'start'], 'ignore');

  const cluster: Cluster = {
    binDir,
    dataDir,
    socketDir,
    port,
    logFile,
    async connect(lcMessages) {
      const client = new pg.Client({ host: socketDir, port, user: 'postgres', database: 'postgres' });
      await client.connect();
      if (lcMessages) await client.query(`SET lc_messages = '${lcMessages.replace(/'/g, "''")}'`);
      return client;
    },
    psql() {
      const child = spawn(
        join(binDir, 'psql'),
        ['-h', socketDir, '-p', String(port), '-U', 'postgres', '-X', '-At', '-d', 'postgres'],
        {
          env: { ...process.env, LC_ALL: 'C.UTF-8', PGCONNECT_TIMEOUT: '10' },
        },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
      return {
        child,
        stdout: () => out,
        stderr: () => err,
        send: (sql) => child.stdin.write(sql.endsWith('\n') ? sql : sql + '\n'),
        async waitFor(pattern, ms = 10_000) {
          const until = Date.now() + ms;
          for (;;) {
            const m = out.match(pattern);
            if (m) return m;
            if (Date.now() > until) throw new Error(`psql: no ${pattern} in output: ${out} / ${err}`);
            await sleep(10);
          }
        },
        end: () =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.stdin.end('\\q\n');
          }),
      };
    },
    readLog: () => readFileSync(logFile, 'utf8'),
    async stop() {
      try {
        run(join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  };
  return cluster;
}

/** Locales `lc_messages` can use: PostgreSQL needs both the OS locale and its own translation. */
export function availableMessageLocales(binDir: string): string[] {
  let installed = '';
  try {
    installed = execFileSync('locale', ['-a'], { encoding: 'utf8' }).toLowerCase();
  } catch {
    return [];
  }
  const version = binDir.split('/').at(-2) ?? '';
  return ['de_DE', 'fr_FR', 'ru_RU', 'ja_JP']
    .filter(
      (l) =>
        installed.includes(`${l.toLowerCase()}.utf8`) &&
        existsSync(`/usr/share/locale/${l.slice(0, 2)}/LC_MESSAGES/postgres-${version}.mo`),
    )
    .map((l) => `${l}.UTF-8`);
}
