// The world's releases and deploys: each project that sends releases gets one every three days for two months, each
// deployed to staging and then production, so that some releases and deploys fall inside a list's 24-hour graph,
// some inside 14 days and some before; one release made before the graph's day is deployed again inside it (the
// case Sentry's date filter on the release's creation misses). A project without releases (android here) sends none,
// as a self-hosted team without release tracking would. Times are relative to when the world was built.
import { DAY, HOUR, type Deploy, type Project, type Release } from './model.ts';

const EVERY = 3 * DAY;
const HOW_MANY = 20;
/** Stagger per project so the releases of different projects do not fall on one hour. */
const OFFSET: Record<string, number> = {
  api: 0,
  'web-frontend': 5 * HOUR,
  payments: 9 * HOUR,
  shop: 3 * HOUR,
  storefront: 7 * HOUR,
};
/** Projects that send no release (their events carry none). */
export const WITHOUT_RELEASES = new Set(['android']);

/** Version k counted from the newest: 2.15.1, 2.15.0, 2.14.1, 2.14.0, … (a patch and a minor in turn). */
export function versionOf(project: Project, k: number): string {
  return `${project.slug}@2.${15 - Math.floor(k / 2)}.${k % 2 === 0 ? 1 : 0}`;
}

/** The project's releases, newest first, each with its deploys (only those finished by `end`). */
export function projectReleases(project: Project, end: number): Release[] {
  if (WITHOUT_RELEASES.has(project.slug)) return [];
  const out: Release[] = [];
  for (let k = 0; k < HOW_MANY; k++) {
    const created = end - 2 * HOUR - (OFFSET[project.slug] ?? 0) - k * EVERY;
    const version = versionOf(project, k);
    const deploys: Deploy[] = [];
    const deploy = (environment: string, finished: number, name: string) => {
      if (finished < end)
        deploys.push({
          id: String(70_000 + Number(project.id.slice(-3)) * 100 + k * 3 + deploys.length),
          environment,
          name,
          dateStarted: finished - 5 * 60_000,
          dateFinished: finished,
        });
    };
    deploy('staging', created + 20 * 60_000, `${version} to staging`);
    deploy('production', created + 90 * 60_000, `${version} to production`);
    // A release from before the graph's day shipped to production again within it (a rollback to it, say).
    if (k === 1 && project.slug === 'api') deploy('production', end - 10 * HOUR, `${version} again (rollback)`);
    const released = created + 60 * 60_000;
    out.push({
      orgId: project.orgId,
      version,
      projectIds: [project.id],
      dateCreated: created,
      dateReleased: released < end ? released : null,
      deploys,
    });
  }
  return out;
}

/** The release an event at `t` carries: the newest one created by then (the oldest for earlier events). */
export function releaseAt(releases: readonly Release[], t: number): Release | null {
  return releases.find((r) => r.dateCreated <= t) ?? releases.at(-1) ?? null;
}

/** The latest deploy of a release (Release.last_deploy_id: the latest in any environment). */
export function lastDeploy(release: Release): Deploy | null {
  return release.deploys.reduce<Deploy | null>((a, d) => (!a || d.dateFinished > a.dateFinished ? d : a), null);
}

/** The window a release's events fall in: from its creation to the next release's (newest first list). */
export function releaseSpans(
  releases: readonly Release[],
  end: number,
): { release: Release; from: number; to: number }[] {
  return releases
    .map((release, i) => ({
      release,
      from: i === releases.length - 1 ? -Infinity : release.dateCreated,
      to: i === 0 ? Infinity : releases[i - 1]!.dateCreated,
    }))
    .filter((s) => s.from < end);
}
