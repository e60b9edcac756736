// tests/system.mjs: a missing browser or database is one line that says what to install or which variable to set.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locate, MissingSystemPart, missingParts } from '../system.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'dexter-system-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function executable(name: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, '#!/bin/sh\n');
  chmodSync(file, 0o755);
  return file;
}

describe('locate', () => {
  it('finds a part among its candidates', () => {
    const bin = executable('chromium');
    expect(locate('chromium', {}, ['/nonexistent/chromium', bin])).toEqual({ path: bin });
  });

  it('says what to install and which variable to set when nothing is found', () => {
    expect(locate('chromium', {}, [])).toEqual({
      missing: 'Chromium not found: apt-get install chromium (Debian/Ubuntu), or set CHROMIUM_PATH to its binary.',
    });
    expect(locate('firefox', {}, []).missing).toMatch(
      /^Firefox ESR not found: apt-get install firefox-esr .*FIREFOX_PATH/,
    );
    expect(locate('postgresql', {}, []).missing).toMatch(
      /^PostgreSQL not found: apt-get install postgresql .*PG_BIN_DIR/,
    );
  });

  it('a variable that is set wins, and a wrong one is reported rather than replaced', () => {
    const bin = executable('firefox-esr');
    expect(locate('firefox', { FIREFOX_PATH: bin }, [])).toEqual({ path: bin });
    expect(locate('firefox', { FIREFOX_PATH: '/nonexistent/firefox' }, [bin])).toEqual({
      missing: 'Firefox ESR: FIREFOX_PATH=/nonexistent/firefox is not an executable file.',
    });
    // A directory is not a browser binary.
    expect(locate('chromium', { CHROMIUM_PATH: dir }).missing).toContain('is not an executable file');
  });

  it('a PostgreSQL bin directory needs initdb, pg_ctl and psql', () => {
    const bin = path.join(dir, 'pg', 'bin');
    executable('pg/bin/initdb');
    expect(locate('postgresql', {}, [bin]).missing).toBeDefined();
    executable('pg/bin/pg_ctl');
    executable('pg/bin/psql');
    expect(locate('postgresql', {}, [bin])).toEqual({ path: bin });
  });
});

describe('missing parts', () => {
  it('lists one line per missing part, none when all are there', () => {
    const lines = missingParts(['chromium']);
    expect(lines.length).toBeLessThanOrEqual(1);
    for (const line of lines) expect(line).not.toContain('\n');
  });

  it('an error for a missing part is the line alone, with no stack trace', () => {
    const e = new MissingSystemPart('Chromium not found: apt-get install chromium');
    expect(e.message).toBe('Chromium not found: apt-get install chromium');
    expect(e.stack).toBe(e.message);
  });

  it('the command line check exits 1 with the line (as `npm run demo` runs it)', () => {
    const script = path.resolve(import.meta.dirname, '../system.mjs');
    const r = spawnSync(process.execPath, [script, 'chromium'], {
      encoding: 'utf8',
      env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', npm_lifecycle_event: 'demo' },
    });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'Chromium: CHROMIUM_PATH=/nonexistent/chromium is not an executable file.',
      'npm run demo cannot start without it.',
    ]);
  });
});
