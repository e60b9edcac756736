// Privacy mode for screen sharing: masks the personal data lib/pii finds in what Sentry renders: the event data on an
// issue page, the titles, culprits and messages on an issue list. Only text-node values change (never the DOM
// structure React owns), originals are kept and put back when the mode is switched off or the page changes, and
// whatever Sentry draws later (an expanded frame, more breadcrumbs, another event, more rows) is masked in the
// MutationObserver's microtask, before the browser paints it.
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

function maskWithin(root: Node): void {
  if (root.nodeType === Node.TEXT_NODE) return maskText(root as Text);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) maskText(n as Text);
}

/** Where personal data shows on each kind of page: the event data on an issue page; titles, culprits and messages
 *  (which quote exception values) on an issue list. */
function regionsFor(kind: string): string {
  return (kind === 'issue-list' ? [SELECTORS.issueList.header] : SELECTORS.issuePage.eventData).join(', ');
}

/** Masks what Sentry just drew, in the MutationObserver's microtask: before the browser paints it. */
function maskAdded(records: MutationRecord[], regions: string): void {
  for (const r of records) {
    if (r.type === 'characterData') {
      const node = r.target as Text;
      // React wrote a new value into a node we masked: that value is the new original (masked again here).
      if (node.nodeValue !== originals.get(node)?.masked) originals.delete(node);
      if (node.parentElement?.closest(regions)) maskText(node);
      continue;
    }
    for (const added of r.addedNodes) {
      const el = added.nodeType === Node.ELEMENT_NODE ? (added as Element) : added.parentElement;
      if (!el) continue;
      if (el.closest(regions)) maskWithin(added);
      else if (added.nodeType === Node.ELEMENT_NODE)
        for (const region of (added as Element).querySelectorAll(regions)) maskWithin(region);
    }
  }
}

export const meta = {
  id: 'privacy-mode',
  label: 'Privacy mode switch',
  description:
    'Lets privacy mode mask personal data in Sentry’s own pages (issue list and issue page) while you share your screen.',
  pages: ['issue', 'issue-list'],
  order: 12,
} satisfies FeatureMeta;

export async function init({ settings, signal, send, page }: FeatureContext) {
  if (!settings.privacy.privacyMode) return;
  findPii = await loadScanner(send);
  if (signal.aborted) return;
  const regions = regionsFor(page.kind);
  document.documentElement.toggleAttribute('data-dexter-privacy', true);
  for (const el of document.querySelectorAll(regions)) maskWithin(el);
  const observer = new MutationObserver((records) => {
    if (!signal.aborted) maskAdded(records, regions);
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      for (const [node, { original, masked }] of originals)
        if (node.isConnected && node.nodeValue === masked) node.nodeValue = original;
      originals.clear();
      document.documentElement.removeAttribute('data-dexter-privacy');
    },
    { once: true },
  );
}
