// Release and deploy markers for a sparkline, from the organization's release list (GET …/releases/, one request for
// the page's projects): each release at its release date (`dateReleased`, else when Sentry first heard of it,
// `dateCreated`), and its latest deploy (`lastDeploy`: Release.last_deploy_id, the latest in any environment;
// earlier deploys of the same release need a request per release, so the tooltip says how many there were).

export interface Marker {
  kind: 'release' | 'deploy';
  /** Epoch ms. */
  at: number;
  version: string;
  /** The version without its package (`api@2.15.1` → `2.15.1`). */
  short: string;
  environment: string | null;
  /** Project ids the release belongs to. */
  projects: string[];
  /** Deploys of the release in all (the marker shows the latest). */
  deploys?: number;
}

/** The fields of a release-list item markers are made from. */
export interface ReleaseLike {
  version: string;
  shortVersion?: string;
  dateCreated?: string | null;
  dateReleased?: string | null;
  deployCount?: number;
  lastDeploy?: { environment?: unknown; dateFinished?: unknown } | null;
  projects?: { id?: unknown }[];
}

const time = (v: unknown): number | null =>
  typeof v === 'string' && Number.isFinite(Date.parse(v)) ? Date.parse(v) : null;

export function shortVersion(version: string): string {
  return version.includes('@') ? version.slice(version.lastIndexOf('@') + 1) : version;
}

export function markersOf(releases: readonly ReleaseLike[]): Marker[] {
  const out: Marker[] = [];
  for (const r of releases) {
    const projects = (r.projects ?? [])
      .map((p) => p.id)
      .filter((id) => typeof id === 'string' || typeof id === 'number')
      .map(String);
    const short = r.shortVersion && r.shortVersion !== r.version ? r.shortVersion : shortVersion(r.version);
    const released = time(r.dateReleased) ?? time(r.dateCreated);
    if (released !== null)
      out.push({ kind: 'release', at: released, version: r.version, short, environment: null, projects });
    const d = r.lastDeploy;
    const finished = time(d?.dateFinished);
    if (d && finished !== null)
      out.push({
        kind: 'deploy',
        at: finished,
        version: r.version,
        short,
        environment: typeof d.environment === 'string' ? d.environment : null,
        projects,
        deploys: r.deployCount,
      });
  }
  return out.sort((a, b) => a.at - b.at || a.kind.localeCompare(b.kind));
}

/** The markers of a project (or of every project when it is unknown) inside [from, to), oldest first. */
export function markersIn(markers: readonly Marker[], from: number, to: number, project?: string | null): Marker[] {
  return markers.filter(
    (m) => m.at >= from && m.at < to && (!project || !m.projects.length || m.projects.includes(project)),
  );
}

/** Where time `at` falls on a sparkline drawn by components/sparkline.ts (sparkPaths: bucket i's point at
 *  1 + i × step): between the points of the bucket it is in and the next, by how far into the bucket it is. */
export function tickX(at: number, times: readonly number[], bucketSeconds: number, width: number): number {
  if (!times.length) return 0;
  const step = (width - 2) / Math.max(1, times.length - 1);
  const i = (at / 1000 - times[0]!) / bucketSeconds;
  return Math.min(width - 1, Math.max(1, 1 + i * step));
}

/** The marker in words: kind, version, environment and time. */
export function markerText(m: Marker, format: (ms: number) => string): string {
  if (m.kind === 'release') return `Release ${m.version} · ${format(m.at)}`;
  const more = m.deploys && m.deploys > 1 ? ` (the latest of ${m.deploys} deploys)` : '';
  return `Deploy ${m.version} → ${m.environment ?? 'an environment'} · ${format(m.at)}${more}`;
}
