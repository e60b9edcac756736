// Content script on Sentry pages: detects the page, runs the overlay features, re-runs them on in-app navigation.
// Self-hosted Sentry gets the same script registered at run time (background/self-hosted.ts).
import { detectPage } from '@/lib/sentry/page';
import { pageFilters } from '@/lib/sentry/window';
import { SELECTORS } from '@/lib/sentry/selectors';
import { FEATURES } from './features';
import { featureOn, runFeatures } from './registry';
import { send } from '@/components/api';
import { installPageCss, setReserve } from './page-css';
import { clearTrouble, newPage, reportTrouble } from './page-report';

export default defineContentScript({
  matches: ['https://sentry.io/*', 'https://*.sentry.io/*'],
  runAt: 'document_idle',
  async main(ctx) {
    installPageCss(document); // self-hosted pages may not have had the document-start script
    // Settings come parsed from the background (zod stays out of the content script).
    const first = await send({ type: 'settings.get' });
    if (!first.ok) {
      setReserve(document, false);
      console.warn('[Dexter] overlay off on this page:', first.error.message);
      return;
    }
    let settings = first.data;
    let controller: AbortController | null = null;
    let lastHref = '';

    const run = (force = false) => {
      if (!force && location.href === lastHref) return;
      lastHref = location.href;
      controller?.abort();
      controller = new AbortController();
      const page = detectPage(location.href, settings.sentry.selfHostedBases);
      // The rows' room stays reserved only where the list features will fill it.
      const listFeatures = FEATURES.filter((f) => f.meta.pages.includes('issue-list') && featureOn(settings, f.meta));
      setReserve(document, page?.kind === 'issue-list' && !!page.org && listFeatures.length > 0);
      newPage(page?.kind ?? 'other');
      if (!page || page.kind === 'other' || !page.org) return;
      const signal = controller.signal;
      void runFeatures(FEATURES, { signal, page, filters: pageFilters(location.href), settings, send }, console, {
        report: reportTrouble,
        clear: clearTrouble,
      });
    };

    // WXT's location watcher covers every browser; the Navigation API (where present) reacts without its polling delay.
    ctx.addEventListener(window, 'wxt:locationchange', () => run());
    const nav = (window as unknown as { navigation?: EventTarget }).navigation;
    if (nav) ctx.addEventListener(nav as unknown as Window, 'navigatesuccess' as keyof WindowEventMap, () => run());
    ctx.addEventListener(window, 'popstate', () => run());
    ctx.onInvalidated(() => {
      controller?.abort();
      setReserve(document, false); // an updated or removed extension leaves no empty room behind
    });
    followTheme(ctx.signal);
    browser.runtime.onMessage.addListener((msg: unknown) => {
      if (msg && typeof msg === 'object' && (msg as { type?: string }).type === 'settings.changed') {
        void send({ type: 'settings.get' }).then((r) => {
          if (!r.ok || ctx.isInvalid) return;
          settings = r.data;
          run(true);
        });
      }
    });
    run(true);
  },
});

/** Sentry switches theme by the class on <body>; Dexter's hosts follow without re-rendering. */
function followTheme(signal: AbortSignal): void {
  const apply = () => {
    const dark = document.body.matches(SELECTORS.darkTheme);
    for (const host of document.querySelectorAll('dexter-row, dexter-panel')) host.toggleAttribute('data-dark', dark);
  };
  const observer = new MutationObserver(apply);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}
