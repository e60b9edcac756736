// Granting an optional host permission in a Playwright Chromium. permissions.request opens the browser's own prompt,
// which Playwright cannot click (it waits forever, headless or not). The user can also allow a site on
// chrome://extensions (Site access → On specific sites), which chrome.developerPrivate does there; Chrome then
// grants a later permissions.request for that site without asking again. So a test allows the site first, and
// Dexter's own request from the Save click is what makes the access active (before it, contains() is still false).
import type { BrowserContext } from '@playwright/test';

declare const chrome: any;

export async function allowSiteOnExtensionsPage(
  context: BrowserContext,
  extensionId: string,
  pattern: string,
): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome://extensions/?id=${extensionId}`);
    await page.evaluate(([id, p]) => chrome.developerPrivate.addHostPermission(id, p), [extensionId, pattern] as const);
  } finally {
    await page.close();
  }
}
