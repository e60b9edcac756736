// The message table must say what the installed PostgreSQL says: read its compiled catalogs (.mo).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_MESSAGES } from './messages';

const ENGLISH = SERVER_MESSAGES.en ?? {};
const DIRS: Record<string, string> = { zh: 'zh_CN' };

/** GNU gettext .mo: header, then tables of (length, offset) for original and translated strings. */
function readMo(path: string): Map<string, string> {
  const buf = readFileSync(path);
  const le = buf.readUInt32LE(0) === 0x950412de;
  const u32 = (o: number): number => (le ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const [count, originals, translations] = [u32(8), u32(12), u32(16)];
  const map = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const str = (table: number): string =>
      buf.subarray(u32(table + 8 * i + 4), u32(table + 8 * i + 4) + u32(table + 8 * i)).toString('utf8');
    map.set(str(originals), str(translations));
  }
  return map;
}

const version = '15';
const languages = Object.keys(SERVER_MESSAGES).filter((l) => l !== 'en');
const moPath = (l: string): string => `/usr/share/locale/${DIRS[l] ?? l}/LC_MESSAGES/postgres-${version}.mo`;

describe.skipIf(!existsSync(moPath('de')))('message table matches PostgreSQL 15 catalogs', () => {
  it.each(languages)('%s', (lang) => {
    const mo = readMo(moPath(lang));
    for (const [key, translated] of Object.entries(SERVER_MESSAGES[lang] ?? {})) {
      const english = ENGLISH[key as keyof typeof ENGLISH] ?? '';
      const fromMo = mo.get(
        key.startsWith('label_') && !/^(ERROR|LOG|FATAL|WARNING)$/.test(english) ? `${english}:  ` : english,
      );
      expect(fromMo?.replace(/\s*:\s*$/, ''), `${lang} ${key}`).toBe(translated);
    }
  });
});
