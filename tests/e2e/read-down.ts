// Dexter draws an issue row's badges when the row comes within a screen of the view (row-data.ts), as a user
// scrolls. Tests that check every row of a long list read down it first, as a user would.

/** Runs in the page (Playwright's and Puppeteer's evaluate): scrolls down the page half a screen at a time, one
 *  frame and a moment per step (Dexter draws in the task after the frame that brings a row near), then back up.
 *  No named inner functions: tsx would wrap them in a helper the page does not have. */
export async function readDown(): Promise<void> {
  const root = document.documentElement;
  for (let y = 0, last = false; !last; y += innerHeight / 2) {
    last = y >= root.scrollHeight - innerHeight;
    scrollTo(0, Math.min(y, root.scrollHeight - innerHeight));
    await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
  }
  scrollTo(0, 0);
  await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 30)));
}
