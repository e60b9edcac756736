// Dexter draws an issue row's badges when the row comes within a screen of the view (row-data.ts), as a user
// scrolls. Tests that check every row of a long list read down it first, as a user would.

/** Runs in the page (Playwright's and Puppeteer's evaluate): scrolls down the page half a screen at a time, one
 *  frame and a moment per step (Dexter draws in the task after the frame that brings a row near), then back up.
 *  A row taller than a screen (a hostile 100 000-character title wraps to thousands of lines in Firefox) is not
 *  read line by line: each row's Dexter host is brought to the middle of the view instead, one step per row.
 *  No named inner functions: tsx would wrap them in a helper the page does not have. */
export async function readDown(): Promise<void> {
  const root = document.documentElement;
  const rows = [...document.querySelectorAll<HTMLElement>('[data-test-id="group"]')];
  if (rows.some((r) => r.getBoundingClientRect().height > innerHeight)) {
    for (const row of rows) {
      (row.querySelector<HTMLElement>('dexter-row') ?? row).scrollIntoView({ block: 'center' });
      await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
    }
  } else {
    for (let y = 0, last = false; !last; y += innerHeight / 2) {
      last = y >= root.scrollHeight - innerHeight;
      scrollTo(0, Math.min(y, root.scrollHeight - innerHeight));
      await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
    }
  }
  scrollTo(0, 0);
  await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
}
