// The overlay's account of this page for the background: which features could not run and why (an anchor of
// Sentry's that never appeared, an error). Told again whenever it changes, a little after, so a burst of changes is
// one message; an empty account clears the toolbar badge.
import { sentryReleaseFromBaggage, urlPattern, type FeatureTrouble } from '@/lib/diagnostics';
import type { PageKind } from '@/lib/sentry/page';
import { send } from '@/components/api';

const troubles = new Map<string, FeatureTrouble>();
let kind: PageKind = 'other';
let timer: ReturnType<typeof setTimeout> | null = null;
let told = '';

function tell(): void {
  timer = null;
  const report = {
    pattern: urlPattern(location.href),
    kind,
    troubles: [...troubles.values()],
    sentryVersion: sentryReleaseFromBaggage(document.querySelector('meta[name="baggage"]')?.getAttribute('content')),
  };
  // Only a change in what is wrong matters to the badge: a page with nothing wrong after one with nothing wrong is
  // not worth a message.
  const text = report.troubles.length ? JSON.stringify(report) : '';
  if (text === told) return;
  told = text;
  void send({ type: 'page.report', report });
}

function schedule(): void {
  timer ??= setTimeout(tell, 250);
}

/** A new page: nothing is known to be wrong on it yet. */
export function newPage(pageKind: PageKind): void {
  kind = pageKind;
  troubles.clear();
  schedule();
}

export function reportTrouble(t: FeatureTrouble): void {
  troubles.set(t.feature, t);
  schedule();
}

export function clearTrouble(feature: string): void {
  if (troubles.delete(feature)) schedule();
}
