import { describe, expect, it } from 'vitest';
import { SUMMARY_PORT } from '@/lib/messages';
import { watchOwnerPort, type OwnerPort } from './summaries';

function fakePort(name: string, sender: OwnerPort['sender']) {
  let onMessage: (m: unknown) => void = () => {};
  let onDisconnect: () => void = () => {};
  const port: OwnerPort = {
    name,
    sender,
    onMessage: { addListener: (fn) => void (onMessage = fn) },
    onDisconnect: { addListener: (fn) => void (onDisconnect = fn) },
  };
  return { port, post: (m: unknown) => onMessage(m), disconnect: () => onDisconnect() };
}

describe('the summary port', () => {
  it('cancels the named owner of that sender (and its per-row owners) when the page goes', () => {
    const cancelled: string[] = [];
    const p = fakePort(SUMMARY_PORT, { url: 'chrome-extension://abc/popup.html' });
    watchOwnerPort(p.port, (prefix) => (cancelled.push(prefix), 1));
    p.post({ owner: 'popup-k3j4h5g6f7' });
    p.post({ owner: 'bad owner!' }); // not a page token: ignored
    expect(cancelled).toEqual([]);
    p.disconnect();
    expect(cancelled).toEqual(['chrome-extension://abc/popup.html|popup-k3j4h5g6f7']);
  });

  it('keys a tab’s page by its tab, as summary.get does, and ignores other ports', () => {
    const cancelled: string[] = [];
    const tab = fakePort(SUMMARY_PORT, { tab: { id: 9 } as never, url: 'chrome-extension://abc/explorer.html' });
    watchOwnerPort(tab.port, (prefix) => (cancelled.push(prefix), 0));
    tab.post({ owner: 'explorer-0123456789' });
    const other = fakePort('dexter-explain', { url: 'chrome-extension://abc/panel.html' });
    watchOwnerPort(other.port, (prefix) => (cancelled.push(prefix), 0));
    other.post({ owner: 'explorer-0123456789' });
    other.disconnect();
    tab.disconnect();
    expect(cancelled).toEqual(['9|explorer-0123456789']);
  });
});
