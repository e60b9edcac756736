// Tells the embedding content script how tall the panel is, so its iframe fits without a scrollbar.
// Only the height is ever posted: Sentry's page must never receive event data from Dexter.

export interface PanelHeightMessage {
  dexterPanelHeight: number;
}

/** Starts reporting; returns the function that stops it. Does nothing when the panel is not in a frame. */
export function reportPanelHeight(win: Window = window): () => void {
  if (win.parent === win) return () => {};
  let last = -1;
  const post = () => {
    const height = Math.ceil(win.document.body.scrollHeight);
    if (height === last) return;
    last = height;
    const message: PanelHeightMessage = { dexterPanelHeight: height };
    // '*': the panel cannot know Sentry's origin for self-hosted installs, and the message holds a number only.
    win.parent.postMessage(message, '*');
  };
  const observer = new ResizeObserver(post);
  observer.observe(win.document.body);
  post();
  return () => observer.disconnect();
}
