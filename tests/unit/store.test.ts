// The store material (store/, PRIVACY.md) within the stores' limits, and in step with the manifest: every
// permission the manifest asks for is explained in the privacy policy's sources and the store notes.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (f: string) => readFileSync(path.join(ROOT, f), 'utf8');
const manifestFor = (browser: string, manifestVersion: 2 | 3) =>
  (config.manifest as (env: object) => Record<string, any>)({
    browser,
    manifestVersion,
    mode: 'production',
    command: 'build',
  });

describe('store listing', () => {
  it('the short description fits the Chrome Web Store summary (≤ 132 characters, one line)', () => {
    const short = read('store/description-short.txt').trim();
    expect(short.length).toBeGreaterThan(40);
    expect(short.length).toBeLessThanOrEqual(132);
    expect(short).not.toContain('\n');
  });

  it('the manifest description fits too (the Chrome Web Store refuses more than 132)', () => {
    expect(manifestFor('chrome', 3).description.length).toBeLessThanOrEqual(132);
  });

  it("the long description is within the stores' limits and links the privacy policy", () => {
    const long = read('store/description-long.txt');
    expect(long.length).toBeGreaterThan(500);
    expect(long.length).toBeLessThanOrEqual(16_000);
    expect(long).toContain('PRIVACY.md');
  });

  it('has 1 to 5 screenshots, each a 1280×800 PNG without alpha', () => {
    const dir = path.join(ROOT, 'store/screenshots');
    const shots = readdirSync(dir).filter((f) => f.endsWith('.png'));
    expect(shots.length).toBeGreaterThanOrEqual(1);
    expect(shots.length).toBeLessThanOrEqual(5);
    for (const f of shots) {
      const png = readFileSync(path.join(dir, f));
      expect(png.subarray(12, 16).toString('latin1'), f).toBe('IHDR');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], f).toEqual([1280, 800]);
      expect(png[25], `${f}: colour type (2 = RGB, no alpha)`).toBe(2);
    }
  });
});

describe('privacy policy', () => {
  const privacy = read('PRIVACY.md').replace(/\s+/g, ' ');
  const storeNotes = read('store/README.md');

  it('names every host Dexter may talk to, and says where each request goes', () => {
    const m = manifestFor('chrome', 3);
    for (const host of m.host_permissions as string[]) {
      expect(privacy, host).toContain(host.replace(/\/\*$/, ''));
    }
    for (const phrase of ['no analytics', 'no remote code', 'Authorization: Bearer', 'scrubbed'])
      expect(privacy).toContain(phrase);
  });

  it('the store notes justify every permission the manifest asks for', () => {
    const m = manifestFor('chrome', 3);
    for (const p of [...m.permissions, ...m.host_permissions, ...m.optional_host_permissions] as string[])
      expect(storeNotes, p).toContain(`\`${p}\``);
  });

  it('matches the Firefox manifest: no data collection declared', () => {
    const gecko = manifestFor('firefox', 2).browser_specific_settings.gecko;
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
    expect(privacy).toContain('required: ["none"]');
  });
});
