// Runs before Sentry lays out the page: on an issue list, reserves the room Dexter's badges will take in each row
// (page-css.ts), so drawing them later moves nothing. Everything else waits for the overlay (sentry.content).
import { detectPage } from '@/lib/sentry/page';
import { installPageCss, setReserve } from './sentry.content/page-css';

export default defineContentScript({
  matches: ['https://sentry.io/*', 'https://*.sentry.io/*'],
  runAt: 'document_start',
  main() {
    installPageCss(document);
    // Self-hosted pages (registered at run time) are detected against their own origin.
    setReserve(document, detectPage(location.href, [location.origin])?.kind === 'issue-list');
  },
});
