import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventCulprit, eventTitle, groupingKey, ingestEventToApi, parseEnvelope } from './ingest.ts';
import { runSdkSample, SAMPLE_MODULES } from '../sdk-sample/run.ts';
import { readSentryFixture } from '../../fixtures/sentry.ts';

const readJson = (p: string) => readSentryFixture(p);
const EVENT_PATH = '/api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/events/{event_id}/';
const eventSchema = readJson('openapi.json').paths[EVENT_PATH].get.responses['200'].content['application/json'].schema;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validateApiEvent = ajv.compile(eventSchema);
const expectValidApiEvent = (api: unknown) => {
  validateApiEvent(api);
  expect(validateApiEvent.errors ?? []).toEqual([]);
};
const entry = (api: any, type: string) => api.entries.find((e: any) => e.type === type)?.data;

describe('parseEnvelope', () => {
  it('reads items with and without length, counting bytes not characters', () => {
    const event = JSON.stringify({ event_id: 'abc', message: 'naïve café ☕' });
    const body = `{"event_id":"abc","dsn":"http://public@127.0.0.1/1"}\n{"type":"event","length":${Buffer.byteLength(event)}}\n${event}\n{"type":"session"}\n{"sid":"s1","status":"ok"}\n`;
    const env = parseEnvelope(body);
    expect(env.header.event_id).toBe('abc');
    expect(env.items.map((i) => i.header.type)).toEqual(['event', 'session']);
    expect(env.items[0]!.payload.message).toBe('naïve café ☕');
    expect(env.items[1]!.payload.sid).toBe('s1');
  });

  it('keeps attachments as bytes, even with newlines inside, and gunzips gzip bodies', () => {
    const bytes = Buffer.from('line1\nline2\n\x00\x01');
    const body = Buffer.concat([
      Buffer.from(`{}\n{"type":"attachment","length":${bytes.length},"filename":"a.bin"}\n`),
      bytes,
      Buffer.from('\n{"type":"event"}\n{"level":"info"}\n'),
    ]);
    const env = parseEnvelope(gzipSync(body));
    expect(Buffer.isBuffer(env.items[0]!.payload)).toBe(true);
    expect(env.items[0]!.payload.equals(bytes)).toBe(true);
    expect(env.items[1]!.payload.level).toBe('info');
  });

  it('fails clearly on bad input', () => {
    expect(() => parseEnvelope('')).toThrow(/empty header/);
    expect(() => parseEnvelope('{}\n{"type":"event"}\nnot json\n')).toThrow(/event item is not JSON/);
    expect(() => parseEnvelope('{}\n{"type":"event","length":50}\n{}\n')).toThrow(/truncated/);
  });
});

describe('ingestEventToApi on Sentry’s own sample events', () => {
  it('converts the Java sample (legacy sentry.interfaces.* keys, tag pairs)', () => {
    const api = ingestEventToApi(readJson('sentry-samples/java.ingest.json'), {
      projectId: '5',
      groupId: '77',
      now: Date.UTC(2017, 7, 3),
    });
    expect(api.groupID).toBe('77');
    expect(api.projectID).toBe('5');
    expect(api.eventID).toMatch(/^[0-9a-f]{32}$/);
    expect(api.title).toBe('ApiException: Authentication failed, token expired!');
    expect(api.culprit).toBe('io.sentry.example.ApiRequest in perform');
    expect(api.platform).toBe('java');
    const exc = entry(api, 'exception').values[0];
    expect(exc).toMatchObject({
      type: 'ApiException',
      module: 'io.sentry.example',
      value: 'Authentication failed, token expired!',
    });
    expect(exc.stacktrace.frames).toHaveLength(57);
    expect(exc.stacktrace.frames.filter((f: any) => f.inApp).map((f: any) => f.function)).toEqual([
      'home',
      'fetch',
      'perform',
    ]);
    expect(exc.stacktrace.frames.at(-1)).toMatchObject({
      filename: 'ApiRequest.java',
      absPath: 'ApiRequest.java',
      lineNo: 8,
      inApp: true,
    });
    expect(entry(api, 'message').formatted).toBe('Authentication failed, token expired!');
    expect(entry(api, 'breadcrumbs').values).toHaveLength(4);
    expect(entry(api, 'breadcrumbs').values[0].timestamp).toBe('2017-08-03T22:25:39.000Z');
    const req = entry(api, 'request');
    expect(req).toMatchObject({
      method: 'GET',
      url: 'http://localhost:8080/',
      query: [['logged_in', '1']],
      inferredContentType: 'application/json',
    });
    expect(req.headers).toContainEqual(['Dnt', '1']);
    expect(api.user).toMatchObject({ email: 'user@sentry.io', username: 'user', ip_address: '0:0:0:0:0:0:0:1' });
    expect(api.tags).toContainEqual({ key: 'user', value: 'email:user@sentry.io' });
    expect(api.tags).toContainEqual({ key: 'release', value: '3.0.2' });
    expect(api.tags.map((t: any) => t.key)).toEqual([...api.tags.map((t: any) => t.key)].sort());
    // Entries come in Sentry's display order: message, exception, breadcrumbs, request.
    expect(api.entries.map((e: any) => e.type)).toEqual(['message', 'exception', 'breadcrumbs', 'request']);
    expectValidApiEvent(api);
  });

  it('converts the modern Python sample (context lines, vars, breadcrumbs object)', () => {
    const sample = readJson('sentry-samples/python-modern.ingest.json');
    const api = ingestEventToApi(sample, { projectId: '5', groupId: '78' });
    expect(api.title).toBe('Exception: This is an example Python exception');
    expect(api.title).toBe(eventTitle(sample.metadata)); // matches what Sentry itself stored
    expect(api.culprit).toBe(sample.culprit);
    expect(api.metadata).toMatchObject({
      type: 'Exception',
      filename: 'main.py',
      function: 'main',
      in_app_frame_mix: 'in-app-only',
    });
    const frame = entry(api, 'exception').values[0].stacktrace.frames[1];
    expect(frame).toMatchObject({
      function: 'main',
      module: '__main__',
      absPath: '/Users/user/test/main.py',
      lineNo: 26,
      inApp: true,
    });
    expect(frame.context).toContainEqual([26, "    raise Exception('This is an example Python exception')"]);
    expect(frame.context[0]).toEqual([21, "        'key1': 'value1',"]);
    expect(frame.vars.str_var).toBe("'Hello, world!'");
    expect(api.dateCreated).toBe(new Date(Math.round(sample.timestamp * 1000)).toISOString());
    expect(api.tags).toContainEqual({ key: 'handled', value: 'no' });
    expect(api.contexts.runtime).toMatchObject({ name: 'CPython', type: 'runtime' });
    expect(api.context).toEqual(sample.extra);
    expectValidApiEvent(api);
  });

  it('validates against Sentry’s OpenAPI schema, which the real example also passes', () => {
    expectValidApiEvent(readJson('openapi-examples/issue-event-javascript.json'));
    expect(validateApiEvent({ ...readJson('openapi-examples/issue-event-javascript.json'), tags: [{ key: 1 }] })).toBe(
      false,
    );
  });

  it('has the same keys as real API events from Sentry', () => {
    const real = readJson('sentry-mcp/event-javascript-cloudflare.json');
    const api = ingestEventToApi(readJson('sentry-samples/python-modern.ingest.json'), {
      projectId: '1',
      groupId: '2',
    });
    expect(Object.keys(api).sort()).toEqual(
      expect.arrayContaining(
        Object.keys(real)
          .filter((k) => k !== 'size')
          .sort(),
      ),
    );
    const realFrame = real.entries[0].data.values[0].stacktrace.frames[0];
    expect(Object.keys(entry(api, 'exception').values[0].stacktrace.frames[0]).sort()).toEqual(
      Object.keys(realFrame).sort(),
    );
    expect(Object.keys(entry(api, 'exception').values[0]).sort()).toEqual(
      Object.keys(real.entries[0].data.values[0]).sort(),
    );
  });

  it('derives culprit and grouping like Sentry for JS frames and message events', () => {
    const jsEvent = {
      platform: 'javascript',
      exception: [
        {
          type: 'TypeError',
          value: 'x is undefined',
          stacktrace: {
            frames: [
              { abs_path: 'https://app.example.com/static/vendor.js', function: 'dispatch', in_app: false },
              {
                abs_path: 'https://app.example.com/static/app.js',
                module: 'app',
                function: 'renderCart',
                lineno: 10,
                in_app: true,
              },
            ],
          },
        },
      ],
    };
    const api = ingestEventToApi(jsEvent, { projectId: '1', groupId: '1' });
    expect(api.title).toBe('TypeError: x is undefined');
    expect(eventCulprit(jsEvent)).toBe('renderCart(app)');
    expect(entry(api, 'exception').values[0].stacktrace.frames[0].filename).toBe('/static/vendor.js');
    const again = ingestEventToApi({ ...jsEvent, event_id: 'f'.repeat(32) }, { projectId: '1', groupId: '1' });
    expect(groupingKey(again)).toBe(groupingKey(api));
    const m1 = ingestEventToApi({ message: 'Retry budget exhausted for order 8812' }, { projectId: '1', groupId: '1' });
    const m2 = ingestEventToApi({ message: 'Retry budget exhausted for order 9913' }, { projectId: '1', groupId: '1' });
    expect(m1.title).toBe('Retry budget exhausted for order 8812');
    expect(m1.type).toBe('default');
    expect(groupingKey(m1)).toBe(groupingKey(m2));
    expect(groupingKey(m1)).not.toBe(groupingKey(api));
  });

  it('rejects non-objects clearly', () => {
    expect(() => ingestEventToApi(null, { projectId: '1', groupId: '1' })).toThrow(/must be an object/);
  });
});

describe('events from the real @sentry/node SDK', () => {
  const envelopes: { path: string; body: Buffer }[] = [];
  let server: http.Server;
  let apiEvents: any[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'POST' && /^\/api\/\d+\/envelope\//.test(req.url ?? ''))
          envelopes.push({ path: req.url!, body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await runSdkSample(`http://public@127.0.0.1:${port}/42`);
    apiEvents = envelopes
      .flatMap((e) => parseEnvelope(e.body).items)
      .filter((i) => i.header.type === 'event')
      .map((i) => ingestEventToApi(i.payload, { projectId: '42', groupId: '1' }));
  }, 60_000);

  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const byType = (type: string) => apiEvents.find((e) => entry(e, 'exception')?.values.at(-1).type === type);
  const sourceLine = (file: string, needle: string) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes(needle)) + 1;
  const [program, orders, payments] = SAMPLE_MODULES as [string, string, string];

  it('receives envelopes on the project’s envelope endpoint', () => {
    expect(envelopes.length).toBeGreaterThan(0);
    expect(envelopes.every((e) => e.path.startsWith('/api/42/envelope/'))).toBe(true);
    expect(apiEvents).toHaveLength(4);
  });

  it('has the TypeError from the real bug, with real frames, line numbers and context', () => {
    const api = byType('TypeError');
    expect(api.title).toBe("TypeError: Cannot read properties of undefined (reading 'city')");
    expect(api.culprit).toBe('shippingLabel(orders.ts)');
    const frames = entry(api, 'exception').values.at(-1).stacktrace.frames;
    const top = frames.at(-1);
    const bugLine = sourceLine(orders, 'shipping.city.toUpperCase()');
    expect(top).toMatchObject({ function: 'shippingLabel', absPath: orders, inApp: true, lineNo: bugLine });
    expect(top.context).toContainEqual([bugLine, readFileSync(orders, 'utf8').split('\n')[bugLine - 1]]);
    expect(frames.at(-2)).toMatchObject({
      absPath: program,
      lineNo: sourceLine(program, 'shippingLabel(guestOrder)'),
      inApp: true,
    });
    expect(frames.filter((f: any) => !f.inApp).every((f: any) => String(f.filename).startsWith('node:'))).toBe(true);
    expect(entry(api, 'exception').values.at(-1).mechanism).toEqual({ type: 'generic', handled: true });
  });

  it('keeps the error cause chain: cause first, the thrown error last', () => {
    const api = byType('PaymentDeclinedError');
    const values = entry(api, 'exception').values;
    expect(values.map((v: any) => v.type)).toEqual(['GatewayTimeoutError', 'PaymentDeclinedError']);
    expect(values[0].mechanism).toMatchObject({ type: 'chained', source: 'cause' });
    expect(values[0].stacktrace.frames.at(-1)).toMatchObject({
      function: 'callGateway',
      absPath: payments,
      lineNo: sourceLine(payments, 'const error = new Error('),
    });
    expect(api.tags).toContainEqual({ key: 'payment.provider', value: 'stripe' });
    expect(api.culprit).toBe('chargeCard(payments.ts)');
  });

  it('records the unhandled rejection as unhandled', () => {
    const api = byType('InventoryError');
    expect(entry(api, 'exception').values.at(-1).mechanism).toMatchObject({
      handled: false,
      type: 'auto.node.onunhandledrejection',
    });
    expect(api.tags).toContainEqual({ key: 'handled', value: 'no' });
  });

  it('sends the message with breadcrumbs, user PII, tags and the request', () => {
    const api = apiEvents.find((e) => e.message === 'Checkout retry budget exhausted for ord_8812');
    expect(api).toBeDefined();
    expect(api.tags).toContainEqual({ key: 'level', value: 'warning' });
    for (const e of apiEvents) {
      expect(e.user).toMatchObject({ id: '4711', email: 'jane.doe@example.com', ip_address: '203.0.113.42' });
      expect(e.tags).toContainEqual({ key: 'service', value: 'orders' });
      expect(e.sdk.name).toBe('sentry.javascript.node');
      expect(entry(e, 'breadcrumbs').values.map((b: any) => b.category)).toEqual(
        expect.arrayContaining(['http', 'db.query']),
      );
      const req = entry(e, 'request');
      expect(req).toMatchObject({
        method: 'POST',
        url: 'https://shop.example.com/api/orders/ord_8812/checkout',
        query: [['coupon', 'SPRING']],
      });
      expect(req.headers).toContainEqual(['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0']);
      expect(req.data).toEqual({ coupon: 'SPRING' });
      expect(e.contexts.runtime).toMatchObject({ name: 'node', type: 'runtime' });
      expect(e.contexts.order).toMatchObject({ id: 'ord_8812', type: 'default' });
    }
    expect(new Set(apiEvents.map(groupingKey)).size).toBe(4);
    for (const e of apiEvents) expectValidApiEvent(e);
  });
});
