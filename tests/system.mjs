// The system parts the tests and the demo use and npm does not install: Chromium, Firefox ESR and PostgreSQL.
// One place finds them, for run-all.mjs, the demo, the Playwright fixtures, the Firefox runner, the PostgreSQL
// cluster and the benchmarks. A missing part is one line saying what to install or which variable to set.
// Plain JavaScript (types in system.d.mts) so that `node tests/run-all.mjs` can use it before anything is built.
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const INSTALL_ALL = 'apt-get install chromium firefox-esr postgresql';

/** @type {Record<string, { label: string; variable: string; apt: string; candidates: () => string[]; check: (p: string) => boolean }>} */
const PARTS = {
  chromium: {
    label: 'Chromium',
    variable: 'CHROMIUM_PATH',
    apt: 'chromium',
    // Debian's real binary first: /usr/bin/chromium is a wrapper script that adds flags of its own.
    candidates: () => [
      '/usr/lib/chromium/chromium',
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/lib/chromium-browser/chromium-browser',
    ],
    check: isExecutable,
  },
  firefox: {
    label: 'Firefox ESR',
    variable: 'FIREFOX_PATH',
    apt: 'firefox-esr',
    candidates: () => ['/usr/bin/firefox-esr', '/usr/lib/firefox-esr/firefox-esr'],
    check: isExecutable,
  },
  postgresql: {
    label: 'PostgreSQL',
    variable: 'PG_BIN_DIR',
    apt: 'postgresql',
    // The newest installed version's bin directory (Debian keeps each under /usr/lib/postgresql/<version>/bin).
    candidates: () => {
      const root = '/usr/lib/postgresql';
      const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
      return [...versions.map((v) => join(root, v, 'bin')), '/usr/local/pgsql/bin'];
    },
    check: (dir) => ['initdb', 'pg_ctl', 'psql'].every((b) => isExecutable(join(dir, b))),
  },
};

/** @typedef {'chromium' | 'firefox' | 'postgresql'} SystemPart */

/** @param {string} file */
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Where a part is: `{ path }`, or `{ missing }` with the one line to show. A variable that is set wins and must
 * point at the part (a wrong one is reported, not silently replaced by another install).
 * @param {SystemPart} part
 * @param {NodeJS.ProcessEnv} [env]
 * @param {string[]} [candidates] where to look when no variable is set (tests pass their own)
 * @returns {{ path: string; missing?: undefined } | { path?: undefined; missing: string }}
 */
export function locate(part, env = process.env, candidates = PARTS[part].candidates()) {
  const p = PARTS[part];
  const set = env[p.variable];
  if (set) {
    return p.check(set)
      ? { path: set }
      : {
          missing: `${p.label}: ${p.variable}=${set} is not ${part === 'postgresql' ? 'a PostgreSQL bin/ directory (with initdb, pg_ctl, psql)' : 'an executable file'}.`,
        };
  }
  const found = candidates.find((c) => p.check(c));
  if (found) return { path: found };
  return {
    missing: `${p.label} not found: apt-get install ${p.apt} (Debian/Ubuntu), or set ${p.variable} to its ${part === 'postgresql' ? 'bin/ directory' : 'binary'}.`,
  };
}

/** An error whose message is the one line, and whose stack is just that line (no trace to wade through). */
export class MissingSystemPart extends Error {
  /** @param {string} line */
  constructor(line) {
    super(line);
    this.name = 'MissingSystemPart';
    this.stack = line;
  }
}

/**
 * The part's path, or throws MissingSystemPart with the one line.
 * @param {SystemPart} part
 * @returns {string}
 */
export function requirePart(part) {
  const r = locate(part);
  if (r.missing !== undefined) throw new MissingSystemPart(r.missing);
  return r.path;
}

/**
 * One line per missing part (empty when all are there).
 * @param {SystemPart[]} parts
 * @returns {string[]}
 */
export function missingParts(parts) {
  return parts.flatMap((part) => {
    const r = locate(part);
    return r.missing === undefined ? [] : [r.missing];
  });
}

/**
 * For scripts: prints one line per missing part and exits with code 1, or returns the paths.
 * @param {SystemPart[]} parts
 * @param {string} what what cannot run, e.g. "npm run demo"
 * @returns {Record<SystemPart, string>}
 */
export function requireOrExit(parts, what) {
  const missing = missingParts(parts);
  if (missing.length) {
    for (const line of missing) console.error(line);
    console.error(`${what} cannot start without ${missing.length === 1 ? 'it' : 'them'}.`);
    process.exit(1);
  }
  return /** @type {Record<SystemPart, string>} */ (
    Object.fromEntries(parts.map((p) => [p, /** @type {string} */ (locate(p).path)]))
  );
}

// `node tests/system.mjs chromium firefox postgresql`: exits 1 with one line per missing part (package.json runs it
// before the demo builds anything).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const parts = /** @type {SystemPart[]} */ (process.argv.slice(2).filter((p) => p in PARTS));
  const what = process.env.npm_lifecycle_event ? `npm run ${process.env.npm_lifecycle_event}` : 'This command';
  const found = requireOrExit(parts.length ? parts : ['chromium', 'firefox', 'postgresql'], what);
  for (const [part, where] of Object.entries(found)) console.log(`${PARTS[part].label}: ${where}`);
}
