import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { existsSync } from 'node:fs';
import { syncSelfHostedScripts } from './lifecycle';
import { settingsSchema } from '@/lib/settings';

describe('syncSelfHostedScripts', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });

  function stub(registered: string[], granted: (origin: string) => boolean) {
    const calls = { register: [] as any[], unregister: [] as string[][] };
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async ({ origins }: { origins: string[] }) =>
      granted(origins[0]!)) as any);
    // Like Chrome: the whole call fails when one id is not registered.
    vi.spyOn(fakeBrowser.scripting, 'unregisterContentScripts').mockImplementation((async ({
      ids,
    }: {
      ids: string[];
    }) => {
      calls.unregister.push(ids);
      if (ids.some((id) => !registered.includes(id))) throw new Error('Nonexistent script ID');
      registered.splice(0, registered.length, ...registered.filter((id) => !ids.includes(id)));
    }) as any);
    vi.spyOn(fakeBrowser.scripting, 'registerContentScripts').mockImplementation((async (scripts: any[]) => {
      calls.register.push(...scripts);
      registered.push(...scripts.map((s) => s.id));
    }) as any);
    return calls;
  }

  it('registers the overlay and its document-start part for the granted bases only', async () => {
    const registered: string[] = [];
    const calls = stub(registered, (o) => o === 'https://sentry.acme.dev/*');
    const settings = settingsSchema.parse({
      sentry: { selfHostedBases: ['https://sentry.acme.dev/', 'https://other.example/'] },
    });
    await syncSelfHostedScripts(settings);
    expect(calls.register.map((s) => [s.js[0], s.runAt, s.matches])).toEqual([
      ['content-scripts/sentry.js', 'document_idle', ['https://sentry.acme.dev/*']],
      ['content-scripts/sentry-start.js', 'document_start', ['https://sentry.acme.dev/*']],
    ]);
    // The entry points those files are built from.
    expect(existsSync('entrypoints/sentry.content/index.ts') && existsSync('entrypoints/sentry-start.content.ts')).toBe(
      true,
    );
    // A second sync replaces them, also when only one of the two was left registered (an older version's).
    registered.splice(1);
    await syncSelfHostedScripts(settings);
    expect(registered.sort()).toEqual(['dexter-self-hosted', 'dexter-self-hosted-start']);
  });
});
