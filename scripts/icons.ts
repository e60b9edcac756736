// `npm run icons`: renders public/icon/dexter.svg to the PNG sizes the stores and browsers ask for (16, 32, 48, 128)
// with headless Chromium, transparent outside the tile. Run it after changing the SVG and commit both.
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { requireOrExit } from '../tests/system.mjs';

export const ICON_SIZES = [16, 32, 48, 128] as const;
const dir = path.resolve(import.meta.dirname, '../public/icon');
const svg = readFileSync(path.join(dir, 'dexter.svg'), 'utf8');

const { chromium: executablePath } = requireOrExit(['chromium'], 'npm run icons');
const browser = await chromium.launch({ executablePath, headless: true });
try {
  for (const size of ICON_SIZES) {
    // deviceScaleFactor 1 and an exact viewport: one SVG unit per 128/size pixels, no resampling after Chromium's own.
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    writeFileSync(path.join(dir, `${size}.png`), png);
    console.log(`public/icon/${size}.png (${png.length} B)`);
    await page.close();
  }
} finally {
  await browser.close();
}
