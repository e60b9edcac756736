// Host names both drivers send to the test world (Chromium: --host-resolver-rules; Firefox: network.dns.localDomains),
// besides sentry.io and *.sentry.io.
import { EVIL_HOST } from '../world/hostile';

/** A self-hosted Sentry: the world serves the self-hosted URL form on any host that is not *.sentry.io. */
export const SELF_HOSTED = 'sentry.acme.test';
/** A site that is not Sentry (the world answers it with a 404 page). */
export const NOT_SENTRY = 'not-sentry.test';
/** The address hostile payloads name: sent to the world's Sentry server too, so its request log shows any request a
 *  payload makes, in every browser. */
export { EVIL_HOST };
/** Hosts on the world's HTTPS server (port 443 in the URL, the world's port in fact). */
export const WORLD_HOSTS = [SELF_HOSTED, NOT_SENTRY, EVIL_HOST];
/** An LLM server on another machine's name (the loopback, port kept): neither browser has access to it until asked.
 *  `.internal`, so Ollama's DNS-rebinding guard takes it as local. */
export const LLM_HOST = 'llm.internal';
