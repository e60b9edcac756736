// Keeps a page's summary owner known to the background for as long as the page lives (lib/messages SUMMARY_PORT):
// when the popup closes, its port disconnects and the background drops what it asked. Tests swap the connector.
import { SUMMARY_PORT } from '@/lib/messages';

export interface OwnerLink {
  alive(): boolean;
}
export type OwnerConnector = (owner: string) => OwnerLink;

function runtimeConnect(owner: string): OwnerLink {
  let alive = true;
  try {
    const port = browser.runtime.connect({ name: SUMMARY_PORT });
    // A background restart (an MV3 worker stopped while idle) ends the port: the next ask connects again.
    port.onDisconnect.addListener(() => void (alive = false));
    port.postMessage({ owner });
  } catch {
    alive = false; // no background to tell (a test page): summary.cancel on leaving still works
  }
  return { alive: () => alive };
}

let current: OwnerConnector = runtimeConnect;

export function connectOwner(owner: string): OwnerLink {
  return current(owner);
}

/** Replaces the connector (tests); returns a function that restores the previous one. */
export function setOwnerConnector(fn: OwnerConnector): () => void {
  const previous = current;
  current = fn;
  return () => {
    current = previous;
  };
}
