// Privacy mode for screen sharing: masks the personal data lib/pii finds in the event data Sentry renders on the
// issue page. Only text-node values change (never the DOM structure React owns), originals are kept and put back
// when the mode is switched off or the page changes, and React's own later updates are masked again.
import type { FeatureContext, FeatureMeta } from '../registry';
import { SELECTORS } from '@/lib/sentry/selectors';
import type { findPii as FindPii } from '@/lib/pii';

let findPii: typeof FindPii = () => [];

/** The scanner lives in its own script (entrypoints/privacy-scanner.ts), loaded into this world on first use. */
async function loadScanner(send: FeatureContext['send']): Promise<typeof FindPii> {
  const loaded = () => (globalThis as { dexterFindPii?: typeof FindPii }).dexterFindPii;
  if (!loaded()) {
    const r = await send({ type: 'privacy.load' });
    if (!r.ok) throw new Error(`privacy mode could not load its PII scanner: ${r.error.message}`);
  }
  const scanner = loaded();
  if (!scanner) throw new Error('privacy mode could not load its PII scanner');
  return scanner;
}

/** Text node → its original value and the masked value Dexter wrote. */
const originals = new Map<Text, { original: string; masked: string }>();

function maskText(node: Text): void {
  const value = node.nodeValue ?? '';
  if (value.length < 3 || node.parentElement?.closest('dexter-panel, dexter-row, script, style')) return;
  const findings = findPii(value);
  if (!findings.length) return;
  let out = '';
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    out += `${value.slice(at, f.start)}[${f.rule}]`;
    at = f.end;
  }
  out += value.slice(at);
  originals.set(node, { original: value, masked: out });
  node.nodeValue = out;
}

function maskWithin(root: Element): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) maskText(n as Text);
}

function maskPage(): void {
  for (const sel of SELECTORS.issuePage.eventData) for (const el of document.querySelectorAll(sel)) maskWithin(el);
}

export const meta = {
  id: 'privacy-mode',
  label: 'Privacy mode switch',
  description: 'Lets privacy mode mask personal data in Sentry’s own issue page while you share your screen.',
  pages: ['issue'],
  order: 12,
} satisfies FeatureMeta;

export async function init({ settings, signal, send }: FeatureContext) {
  if (!settings.privacy.privacyMode) return;
  findPii = await loadScanner(send);
  if (signal.aborted) return;
  document.documentElement.toggleAttribute('data-dexter-privacy', true);
  maskPage();
  let pending = false;
  const observer = new MutationObserver((records) => {
    // React wrote a new value into a node we masked: that value is the new original (masked again below).
    for (const r of records) if (r.type === 'characterData' && r.target.nodeValue !== originals.get(r.target as Text)?.masked) originals.delete(r.target as Text);
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      if (!signal.aborted) maskPage();
    });
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    for (const [node, { original, masked }] of originals) if (node.isConnected && node.nodeValue === masked) node.nodeValue = original;
    originals.clear();
    document.documentElement.removeAttribute('data-dexter-privacy');
  }, { once: true });
}
