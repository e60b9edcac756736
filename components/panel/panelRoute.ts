// Reads the panel's hash (panel.html#view=explain&apiBase=…&org=…&issueId=…) into a checked route. The hash
// comes from the content script or the context menu; anything malformed becomes a clear "bad link" route.
import { z } from 'zod';
import { eventIdSchema, targetSchema, type Target } from '@/lib/messages';

export type PanelRoute =
  | { view: 'explain'; target: Target; issueId: string; eventId: string; autostart: boolean }
  | { view: 'deadlock'; target: Target; issueId: string; eventId: string }
  | { view: 'trends'; target: Target; issueId: string }
  | { view: 'selection'; nonce: string }
  | { view: 'invalid'; reason: string };

export interface PanelLook {
  theme: 'dark' | 'light' | 'auto';
  /** Embedded in Sentry's page (iframe) rather than opened as a window. */
  embedded: boolean;
}

const issueId = z.string().regex(/^\d{1,20}$/);
const nonce = z.string().regex(/^[0-9a-f-]{36}$/);

export function parsePanelHash(hash: string): PanelRoute {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const view = params.get('view');
  if (view === 'selection') {
    const n = nonce.safeParse(params.get('nonce') ?? '');
    return n.success ? { view, nonce: n.data } : { view: 'invalid', reason: 'The selection link has no valid nonce.' };
  }
  if (view !== 'explain' && view !== 'deadlock' && view !== 'trends')
    return { view: 'invalid', reason: `Unknown panel view "${view ?? ''}".` };
  const target = targetSchema.safeParse({ apiBase: params.get('apiBase') ?? '', org: params.get('org') ?? '' });
  if (!target.success)
    return { view: 'invalid', reason: 'The panel link does not name a valid Sentry and organization.' };
  const id = issueId.safeParse(params.get('issueId') ?? '');
  if (!id.success) return { view: 'invalid', reason: 'The panel link does not name a valid issue id.' };
  // The event the Sentry page shows; without one, the event Sentry shows by default.
  const event = eventIdSchema.safeParse(params.get('eventId') || undefined);
  if (!event.success) return { view: 'invalid', reason: 'The panel link does not name a valid event.' };
  if (view === 'trends') return { view, target: target.data, issueId: id.data };
  return view === 'explain'
    ? { view, target: target.data, issueId: id.data, eventId: event.data, autostart: params.get('autostart') === '1' }
    : { view, target: target.data, issueId: id.data, eventId: event.data };
}

export function parsePanelLook(hash: string, inFrame: boolean): PanelLook {
  const theme = new URLSearchParams(hash.replace(/^#/, '')).get('theme');
  return { theme: theme === 'dark' || theme === 'light' ? theme : 'auto', embedded: inFrame };
}
