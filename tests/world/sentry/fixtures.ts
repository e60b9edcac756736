// The real Sentry fixtures (tests/fixtures/sentry/, sources in its README) as the test world uses them.
import { readSentryFixture } from '../../fixtures/sentry.ts';

const cache = new Map<string, unknown>();

export function readFixture<T = any>(relative: string): T {
  if (!cache.has(relative)) cache.set(relative, readSentryFixture(relative));
  return structuredClone(cache.get(relative)) as T;
}

type Examples = Record<string, Record<string, Record<string, unknown>>>;

/** First example body of `METHOD path` from the OpenAPI examples, used as a field template. */
export function openapiExample<T = any>(key: string): T {
  const examples = readFixture<{ examples: Examples }>('openapi-examples/response-examples.json').examples;
  const byStatus = examples[key];
  const first = byStatus ? Object.values(Object.values(byStatus)[0] ?? {})[0] : undefined;
  if (first === undefined) throw new Error(`no OpenAPI example for ${key}`);
  return first as T;
}

export interface DeadlockMessage {
  source: string;
  driver: string;
  form: string;
  text: string;
}

export function deadlockMessages(): DeadlockMessage[] {
  return readFixture<{ messages: DeadlockMessage[] }>('postgres-deadlock-messages.json').messages;
}

/** Real issues (with their real events) that join the generated ones. */
export function fixtureIssues(): { issue: Record<string, any>; event: Record<string, any> | null }[] {
  return [
    {
      issue: readFixture('openapi-examples/issue-detail.json'),
      event: readFixture('openapi-examples/issue-event-javascript.json'),
    },
    {
      issue: readFixture('sentry-mcp/issue-detail.json'),
      event: readFixture('sentry-mcp/event-javascript-cloudflare.json'),
    },
    {
      issue: readFixture('sentry-mcp/issue-detail-regressed.json'),
      event: readFixture('sentry-mcp/event-python-n-plus-one-transaction.json'),
    },
  ];
}
