// Every API-shape fixture in tests/fixtures/sentry must parse with the schema for its endpoint.
import { readSentryFixture } from '@/tests/fixtures/sentry';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as s from './schemas';

const load = (file: string): unknown => readSentryFixture(file);

function expectParses(schema: z.ZodType, data: unknown, label: string): void {
  const r = schema.safeParse(data);
  if (!r.success) throw new Error(`${label}: ${z.prettifyError(r.error)}`);
}

const FILES: Record<string, z.ZodType> = {
  'openapi-examples/org-issues-list.json': z.array(s.issue),
  'openapi-examples/issue-detail.json': s.issueDetail,
  'openapi-examples/issue-event-javascript.json': s.event,
  'sentry-mcp/issue-detail.json': s.issueDetail,
  'sentry-mcp/issue-detail-regressed.json': s.issueDetail,
  'sentry-mcp/event-javascript-cloudflare.json': s.event,
  'sentry-mcp/event-python-n-plus-one-transaction.json': s.event,
  'sentry-mcp/issue-tag-details-url.json': s.tagDetails,
  'sentry-mcp/release-detail.json': s.release,
  'sentry-mcp/release-deploys.json': z.array(s.deploy),
  'sentry-cli/project-issues-list.json': z.array(s.issue),
  'sentry-cli/organizations-list.json': z.array(s.organization),
  'sentry-cli/organization-projects-list.json': z.array(s.project),
};

const P = '/api/0/organizations/{organization_id_or_slug}';
const PP = '/api/0/projects/{organization_id_or_slug}/{project_id_or_slug}';
const EXAMPLES: Record<string, z.ZodType | 'not-read-by-dexter'> = {
  'GET /api/0/organizations/': z.array(s.organization),
  [`GET ${P}/`]: s.organization,
  [`GET ${P}/issues/`]: z.array(s.issue),
  [`PUT ${P}/issues/`]: s.bulkUpdateResult,
  [`GET ${P}/issues/{issue_id}/`]: s.issueDetail,
  [`GET ${P}/issues/{issue_id}/events/`]: z.array(z.looseObject({ id: z.string(), tags: z.array(s.eventTag) })),
  [`GET ${P}/issues/{issue_id}/events/{event_id}/`]: s.event,
  [`GET ${P}/issues/{issue_id}/tags/{key}/`]: s.tagDetails,
  [`GET ${P}/issues/{issue_id}/tags/{key}/values/`]: z.array(s.tagValue),
  [`GET ${P}/issues/{issue_id}/hashes/`]: z.array(z.looseObject({ id: z.string(), latestEvent: s.event })),
  [`GET ${P}/shortids/{issue_id}/`]: z.looseObject({ group: s.issue }),
  [`GET ${P}/eventids/{event_id}/`]: z.looseObject({ event: s.event }),
  [`GET ${P}/projects/`]: z.array(s.project),
  [`GET ${P}/releases/`]: z.array(s.release),
  [`GET ${P}/releases/{version}/`]: s.release,
  [`GET ${PP}/`]: s.project,
  [`GET ${PP}/events/`]: z.array(z.looseObject({ id: z.string(), tags: z.array(s.eventTag) })),
  [`GET ${PP}/events/{event_id}/`]: s.event,
  [`GET ${PP}/releases/`]: z.array(s.release),
  [`PUT ${P}/issues/{issue_id}/`]: s.issue.partial(), // no example in the schema: {}
  [`GET ${P}/releases/{version}/deploys/`]: z.union([z.array(s.deploy), z.object({})]), // no example: {}
  [`GET ${PP}/issues/`]: 'not-read-by-dexter',
  [`PUT ${PP}/issues/`]: 'not-read-by-dexter',
  [`GET ${PP}/tags/{key}/values/`]: 'not-read-by-dexter',
  [`GET ${P}/issues/{issue_id}/autofix/`]: 'not-read-by-dexter',
  [`POST ${P}/issues/{issue_id}/autofix/`]: 'not-read-by-dexter',
  [`GET ${P}/environments/`]: 'not-read-by-dexter',
  [`GET ${P}/tags/`]: 'not-read-by-dexter',
  [`GET ${PP}/users/`]: 'not-read-by-dexter',
  [`GET ${PP}/environments/`]: 'not-read-by-dexter',
};

describe('schemas against real fixtures', () => {
  it.each(Object.entries(FILES))('%s parses', (file, schema) => {
    expectParses(schema, load(file), file);
  });

  it('every example in response-examples.json is mapped, and every read one parses', () => {
    const map = load('openapi-examples/response-examples.json') as {
      examples: Record<string, Record<string, Record<string, unknown>>>;
    };
    const keys = Object.keys(map.examples);
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) {
      const schema = EXAMPLES[key];
      expect(schema, `no schema decision for ${key}`).toBeDefined();
      if (schema === 'not-read-by-dexter' || !schema) continue;
      for (const [status, named] of Object.entries(map.examples[key]!)) {
        for (const [name, body] of Object.entries(named)) expectParses(schema, body, `${key} ${status} ${name}`);
      }
    }
  });

  it('keeps unknown fields and reads the sparkline buckets', () => {
    const [first] = z.array(s.issue).parse(load('openapi-examples/org-issues-list.json'));
    expect(first?.stats?.['24h']).toHaveLength(24);
    expect(first?.stats?.['24h']?.[0]).toEqual([1541455200, 473]);
    expect(first?.count).toBe('150');
    expect((first as Record<string, unknown>).derivedData).toBeDefined();
  });

  it('reads exception frames out of an event entry', () => {
    const ev = s.event.parse(load('sentry-mcp/event-javascript-cloudflare.json'));
    const exc = ev.entries.find((e) => e.type === 'exception');
    const data = s.exceptionEntryData.parse(exc?.data);
    expect(data.values?.[0]?.stacktrace?.frames?.length).toBeGreaterThan(0);
  });

  it('rejects a payload that lacks what Dexter needs', () => {
    expect(s.issue.safeParse({ id: '1', title: 'x' }).success).toBe(false); // no shortId
    expect(s.statsSeries.safeParse([[1, '2']]).success).toBe(false);
    expect(s.discoverTable.parse({ data: [{ 'count_unique(user)': 7 }] }).data[0]).toEqual({ 'count_unique(user)': 7 });
  });
});
