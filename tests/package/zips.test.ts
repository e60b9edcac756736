// What `npm run zip` makes is what the stores get: the Chrome Web Store zip, the AMO zip and AMO's sources zip.
// Opened here after they are made (npm test runs this after its zip steps; alone: npm run zip && npm run test:zips).
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const OUT = path.join(ROOT, '.output');
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const ZIPS = {
  chrome: `dexter-${version}-chrome.zip`,
  firefox: `dexter-${version}-firefox.zip`,
  sources: `dexter-${version}-sources.zip`,
};
const ICON_SIZES = ['16', '32', '48', '128'];

// Strings that would tell a reviewer (or anyone) where and by whom the extension was built.
const LOCAL = [
  /\/work\//,
  /\/root\//,
  /\/home\/[\w.-]+\//,
  /\/tmp\//,
  new RegExp(ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
];

const zips: Record<keyof typeof ZIPS, JSZip> = {} as any;
const texts = async (zip: JSZip) =>
  Promise.all(
    Object.values(zip.files)
      .filter((f) => !f.dir && /\.(js|mjs|css|html|json|svg|txt|md|ts|tsx)$/.test(f.name))
      .map(async (f) => [f.name, await f.async('string')] as const),
  );

beforeAll(async () => {
  for (const [k, name] of Object.entries(ZIPS) as [keyof typeof ZIPS, string][]) {
    const file = path.join(OUT, name);
    if (!existsSync(file)) throw new Error(`${name} is missing: run \`npm run zip\` first.`);
    zips[k] = await JSZip.loadAsync(readFileSync(file));
  }
});

describe.each(['chrome', 'firefox'] as const)('the %s store zip', (browser) => {
  const names = () => Object.keys(zips[browser].files);
  const manifest = async () => JSON.parse(await zips[browser].file('manifest.json')!.async('string'));

  it('has the manifest at its root, with the name, the version and the icons, all present', async () => {
    const m = await manifest();
    expect(m.name).toBe('Dexter for Sentry');
    expect(m.version).toBe(version);
    expect(Object.keys(m.icons)).toEqual(ICON_SIZES);
    const action = m.action ?? m.browser_action;
    expect(action.default_icon).toEqual({ 16: 'icon/16.png', 32: 'icon/32.png' });
    for (const file of [...Object.values(m.icons), ...Object.values(action.default_icon)] as string[]) {
      const png = await zips[browser].file(file)?.async('uint8array');
      expect(png, file).toBeDefined();
      expect(Buffer.from(png!.subarray(0, 4)).toString('hex'), file).toBe('89504e47');
    }
    if (browser === 'firefox') {
      expect(m.browser_specific_settings.gecko.id).toBe('dexter@dexter-sentry.dev');
      expect(m.browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
    }
  });

  it('holds the built extension only: no tests, fixtures, source maps, TypeScript or sources', () => {
    const bad = names().filter(
      (n) =>
        /(^|\/)tests?\//.test(n) ||
        /fixtures?/i.test(n) ||
        /\.(test|spec)\./.test(n) ||
        /\.map$/.test(n) ||
        /\.tsx?$/.test(n) ||
        /openapi|dom-hooks|issue-page-real/.test(n) ||
        /(^|\/)(node_modules|src|lib|components|entrypoints)\//.test(n) ||
        /\.zip$/.test(n),
    );
    expect(bad).toEqual([]);
    expect(names()).toEqual(
      expect.arrayContaining([
        'background.js',
        'popup.html',
        'panel.html',
        'explorer.html',
        'content-scripts/sentry.js',
      ]),
    );
  });

  it('has no source-map references and no strings naming local paths', async () => {
    for (const [name, text] of await texts(zips[browser])) {
      expect(text, name).not.toMatch(/sourceMappingURL=/);
      for (const re of LOCAL) expect(text.match(re)?.[0], `${name} contains ${re}`).toBeUndefined();
    }
  });

  it('keeps what a Sentry page and a worker start load within their budgets (gzip -9: content scripts 150 KB, background 100 KB)', async () => {
    const m = await manifest();
    const gz = async (name: string) =>
      gzipSync(Buffer.from(await zips[browser].file(name)!.async('uint8array')), { level: 9 }).length / 1024;
    const content = (m.content_scripts as { js?: string[]; css?: string[] }[]).flatMap((c) => [
      ...(c.js ?? []),
      ...(c.css ?? []),
    ]);
    expect(content.length).toBeGreaterThan(0);
    let contentKb = 0;
    for (const f of new Set(content)) contentKb += await gz(f);
    expect(contentKb).toBeLessThanOrEqual(150);
    // Chrome's worker, or Firefox's background page scripts: all of it is loaded at every start.
    const background: string[] = m.background.service_worker
      ? [m.background.service_worker]
      : (m.background.scripts ?? []);
    expect(background.length).toBeGreaterThan(0);
    let backgroundKb = 0;
    for (const f of background) backgroundKb += await gz(f);
    expect(backgroundKb).toBeLessThanOrEqual(100);
  });

  it('is the build in .output (what the tests ran)', async () => {
    const dir = path.join(OUT, browser === 'chrome' ? 'chrome-mv3' : 'firefox-mv2');
    expect(await zips[browser].file('background.js')!.async('string')).toBe(
      readFileSync(path.join(dir, 'background.js'), 'utf8'),
    );
  });
});

describe("AMO's sources zip", () => {
  const files = () =>
    Object.values(zips.sources.files)
      .filter((f) => !f.dir)
      .map((f) => f.name)
      .sort();
  const tracked = () =>
    new Set(execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean));

  it('leaves out node_modules, the build output, the tests and their fixtures', () => {
    const bad = files().filter(
      (n) =>
        /^(node_modules|\.output|\.wxt|tests|bench|reports|test-results)\//.test(n) ||
        /\.(test|spec)\./.test(n) ||
        /fixtures/.test(n) ||
        n.startsWith('.'),
    );
    expect(bad).toEqual([]);
  });

  it('holds only files of the repository, and every source the build reads', () => {
    const inZip = files();
    const all = tracked();
    expect(inZip.filter((n) => !all.has(n))).toEqual([]);
    for (const need of [
      'package.json',
      'package-lock.json',
      'wxt.config.ts',
      'tsconfig.json',
      'README.md',
      'PRIVACY.md',
    ])
      expect(inZip).toContain(need);
    const sources = [...all].filter(
      (n) =>
        /^(entrypoints|components|lib|public)\//.test(n) &&
        !/\.test\.tsx?$/.test(n) &&
        !/testing\.tsx$|^lib\/pii\/fixtures\.ts$/.test(n),
    );
    expect(sources.filter((n) => !inZip.includes(n))).toEqual([]);
  });

  it('says how to build (README: npm ci, npm run build:firefox)', async () => {
    const readme = await zips.sources.file('README.md')!.async('string');
    expect(readme).toMatch(/npm ci/);
    expect(readme).toMatch(/npm run build:firefox/);
  });

  describe("rebuilt as a reviewer would (npm ci is replaced by a link to this checkout's node_modules)", () => {
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'dexter-amo-'));
      for (const f of Object.values(zips.sources.files)) {
        const target = path.join(dir, f.name);
        if (f.dir) continue;
        execFileSync('mkdir', ['-p', path.dirname(target)]);
        writeFileSync(target, await f.async('nodebuffer'));
      }
      symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      // The environment of a shell, not of this test runner (its NODE_ENV=test would give React's development build).
      const env = Object.fromEntries(
        Object.entries(process.env).filter(([k]) => k !== 'NODE_ENV' && !k.startsWith('VITEST') && k !== 'TEST'),
      );
      execFileSync(process.execPath, [path.join(ROOT, 'node_modules/wxt/bin/wxt.mjs'), 'build', '-b', 'firefox'], {
        cwd: dir,
        stdio: 'pipe',
        env,
      });
    }, 120_000);
    afterAll(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('gives the same files, byte for byte, as the AMO zip', async () => {
      const built = path.join(dir, '.output/firefox-mv2');
      const walk = (d: string): string[] =>
        readdirSync(d).flatMap((f) =>
          statSync(path.join(d, f)).isDirectory() ? walk(path.join(d, f)).map((x) => `${f}/${x}`) : [f],
        );
      const rebuilt = walk(built).sort();
      const shipped = Object.values(zips.firefox.files)
        .filter((f) => !f.dir)
        .map((f) => f.name)
        .sort();
      expect(rebuilt).toEqual(shipped);
      for (const name of shipped) {
        const a = readFileSync(path.join(built, name));
        const b = await zips.firefox.file(name)!.async('nodebuffer');
        expect(a.equals(b), name).toBe(true);
      }
    });
  });
});
