// Dexter's toolbar and store icon: every size the manifest names exists at that size, and it reads on light and
// dark toolbars (a filled tile that stands out on white, a light mark that stands out on the tile and on dark grey).
// That the built manifests declare them is checked on the store zips (zips.test.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const PUBLIC = path.resolve(import.meta.dirname, '../../public');
const SIZES = [16, 32, 48, 128];

interface Image {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** Decodes a non-interlaced 8-bit RGBA PNG (what Chromium's screenshots are). */
function decodePng(buf: Buffer): Image {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let off = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9], data[12]], 'bit depth 8, colour type RGBA, not interlaced').toEqual([8, 6, 0]);
    } else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? rgba[y * stride + x - 4]! : 0;
      const b = y > 0 ? rgba[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      rgba[y * stride + x] = (v + [0, a, b, (a + b) >> 1, paeth][filter]!) & 0xff;
    }
  }
  return { width, height, rgba };
}

const luminance = ([r, g, b]: number[]) => {
  const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
};
const contrast = (x: number[], y: number[]) => {
  const [hi, lo] = [luminance(x), luminance(y)].sort((m, n) => n - m);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('icon', () => {
  it.each(SIZES)('public/icon/%ipx.png is that size, with a transparent outside', (size) => {
    const img = decodePng(readFileSync(path.join(PUBLIC, 'icon', `${size}.png`)));
    expect([img.width, img.height]).toEqual([size, size]);
    expect(img.rgba[3], 'top-left corner alpha').toBeLessThan(64);
  });

  it.each(SIZES)('at %ipx it is a filled tile with a mark that contrasts on light and dark toolbars', (size) => {
    const { rgba } = decodePng(readFileSync(path.join(PUBLIC, 'icon', `${size}.png`)));
    const opaque: number[][] = [];
    for (let i = 0; i < rgba.length; i += 4)
      if (rgba[i + 3]! > 200) opaque.push([rgba[i]!, rgba[i + 1]!, rgba[i + 2]!]);
    expect(opaque.length / (size * size), 'share of opaque pixels').toBeGreaterThan(0.6);
    const byLight = opaque.map(luminance).sort((a, b) => a - b);
    const tile = opaque.filter((p) => luminance(p) <= byLight[Math.floor(byLight.length * 0.5)]!); // the darker half
    const mark = opaque.filter((p) => luminance(p) >= byLight[Math.floor(byLight.length * 0.92)]!); // the lightest pixels
    const mean = (ps: number[][]) => [0, 1, 2].map((k) => ps.reduce((s, p) => s + p[k]!, 0) / ps.length);
    const [lightToolbar, darkToolbar] = [
      [241, 243, 244],
      [32, 33, 36],
    ];
    expect(contrast(mean(tile), lightToolbar), 'tile on a light toolbar').toBeGreaterThan(4.5);
    expect(contrast(mean(mark), darkToolbar), 'mark on a dark toolbar').toBeGreaterThan(4.5);
    expect(contrast(mean(mark), mean(tile)), 'mark on the tile').toBeGreaterThan(3);
  });
});
