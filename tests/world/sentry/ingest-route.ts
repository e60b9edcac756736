// POST /api/{projectId}/envelope/ and /api/{projectId}/store/: what Relay accepts from SDKs. The conversion to the
// API shape lives in ingest.ts (its own module); it is loaded lazily so the API still works if that module breaks.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import type { FaultSwitch } from './faults.ts';
import type { Store } from './store.ts';

type IngestModule = {
  parseEnvelope(body: Buffer | string): { header: any; items: { header: any; payload: any }[] };
  ingestEventToApi(event: any, ctx: { projectId: string; groupId: string; now?: number }): any;
};

let loaded: Promise<IngestModule | null> | null = null;
function ingestModule(): Promise<IngestModule | null> {
  loaded ??= import('./ingest.ts')
    .then((m) => m as unknown as IngestModule)
    .catch((e: unknown) => {
      console.error('[sentry world] ingest.ts could not be loaded', e);
      return null;
    });
  return loaded;
}

function decode(req: IncomingMessage, body: Buffer): Buffer {
  const enc = String(req.headers['content-encoding'] ?? '');
  if (enc === 'gzip') return gunzipSync(body);
  if (enc === 'deflate') return inflateSync(body);
  return body;
}

export async function handleIngest(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  store: Store,
  body: Buffer,
  faults: FaultSwitch,
): Promise<number> {
  const send = (status: number, payload: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(payload));
    return status;
  };
  if (faults.take(url.pathname)) return send(503, { detail: 'Service unavailable' });
  if (req.method !== 'POST') return send(405, { detail: 'method not allowed' });
  const projectId = url.pathname.split('/')[2] ?? '';
  if (!store.projectById(projectId)) return send(403, { detail: 'event submission rejected with_reason: ProjectId' });
  const mod = await ingestModule();
  if (!mod) return send(501, { detail: 'ingest is not available in this test world' });
  try {
    const raw = decode(req, body);
    const events: any[] = [];
    let eventId: string | undefined;
    if (url.pathname.endsWith('/envelope/')) {
      const envelope = mod.parseEnvelope(raw);
      eventId = envelope.header?.event_id;
      for (const item of envelope.items) if (item.header?.type === 'event') events.push(item.payload);
    } else {
      events.push(JSON.parse(raw.toString('utf8')));
    }
    for (const event of events) {
      const apiEvent = mod.ingestEventToApi(event, { projectId, groupId: '0', now: store.now() });
      store.addEvent(projectId, apiEvent);
      eventId ??= event.event_id;
    }
    return send(200, { id: eventId ?? null });
  } catch (error) {
    return send(400, { detail: `invalid event: ${(error as Error).message}` });
  }
}
