// The PII scanner for the overlay's privacy mode, kept out of the content script every Sentry page evaluates. The
// background injects it into a Sentry frame on request ('privacy.load'); it runs in the overlay's isolated world,
// never the page's, and hands lib/pii's scanner over through that world's global.
import { findPii } from '@/lib/pii';

export default defineUnlistedScript(() => {
  (globalThis as { dexterFindPii?: typeof findPii }).dexterFindPii = findPii;
});
