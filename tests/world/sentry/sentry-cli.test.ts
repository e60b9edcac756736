// The real sentry-cli talks to the test server: if Sentry's own client can list organisations, projects and
// issues from it, the shapes, pagination and auth are close enough to sentry.io's to trust.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSentryServer, type SentryServer } from './server.ts';

const run = promisify(execFile);
const CLI = path.resolve(process.cwd(), 'node_modules/.bin/sentry-cli');

let srv: SentryServer;
beforeAll(async () => {
  srv = await startSentryServer({ issueCount: 30, seed: 3 });
});
afterAll(() => srv.close());

async function cli(args: string[], token = srv.tokens.readOnly) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SENTRY_URL: srv.url,
    SENTRY_AUTH_TOKEN: token,
    SENTRY_LOG_LEVEL: 'warn',
    SENTRY_DISABLE_UPDATE_CHECK: '1',
  };
  delete env.SENTRY_ORG;
  delete env.SENTRY_PROJECT;
  return run(CLI, args, { env, timeout: 30_000 });
}

describe('sentry-cli against the test server', () => {
  it('lists the organisations', async () => {
    const { stdout } = await cli(['organizations', 'list']);
    for (const org of srv.store.orgs) {
      expect(stdout).toContain(org.slug);
      expect(stdout).toContain(org.name);
    }
    expect(srv.requests.at(-1)).toMatchObject({
      path: expect.stringMatching(/^\/api\/0\/organizations\//),
      status: 200,
      auth: 'bearer',
    });
  });

  it('lists the projects of acme and not those of the other org', async () => {
    const { stdout } = await cli(['projects', 'list', '-o', 'acme']);
    const acme = srv.store.findOrg('acme')!;
    for (const p of srv.store.projectsOf(acme)) expect(stdout).toMatch(new RegExp(`${p.id}\\s*\\|\\s*${p.slug}\\s`));
    expect(stdout).not.toContain('storefront');
  });

  it('lists the issues of one project with their short ids', async () => {
    const { stdout } = await cli(['issues', 'list', '-o', 'acme', '-p', 'api']);
    const acme = srv.store.findOrg('acme')!;
    const api = srv.store.findProject(acme, 'api')!;
    const mine = srv.store.issuesOf(acme).filter((i) => i.projectId === api.id);
    // sentry-cli sends query= (all statuses), so every issue of the project appears.
    for (const issue of mine) expect(stdout).toContain(issue.shortId);
    expect(stdout).toContain('deadlock detected');
    const other = srv.store.issuesOf(acme).find((i) => i.projectId !== api.id)!;
    expect(stdout).not.toContain(` ${other.shortId} `);
  });

  it('fails the way sentry.io makes it fail for a bad token', async () => {
    const err = await cli(['organizations', 'list'], 'sntryu_not-a-token').then(
      () => null,
      (e: { stderr: string }) => e,
    );
    expect(err?.stderr).toMatch(/401|Invalid token|credentials/i);
  });
});
