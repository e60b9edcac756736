// JSON shapes of the API: field sets follow Sentry's serializers (StreamGroupSerializerSnuba, GroupSerializer,
// OrganizationSerializer, ProjectSerializer) as documented in openapi.json and its examples.
import { iso } from './events.ts';
import { openapiExample } from './fixtures.ts';
import { ENVIRONMENTS } from './generate.ts';
import { HOUR, type Issue, type Note, type Org, type Project } from './model.ts';
import type { Store } from './store.ts';

/** How URLs in bodies are built: real sentry.io names when the request came to *.sentry.io, else self-hosted style. */
export interface UrlContext {
  saas: boolean;
  origin: string;
}

export function organizationUrl(org: Org, u: UrlContext): string {
  return u.saas ? `https://${org.slug}.sentry.io` : u.origin;
}
export function regionUrl(org: Org, u: UrlContext): string {
  return u.saas ? `https://${org.region}.sentry.io` : u.origin;
}
export function issueUrl(org: Org, issue: Issue, u: UrlContext): string {
  return u.saas
    ? `https://${org.slug}.sentry.io/issues/${issue.id}/`
    : `${u.origin}/organizations/${org.slug}/issues/${issue.id}/`;
}

export function serializeOrg(org: Org, store: Store, u: UrlContext, detailed = false): Record<string, unknown> {
  const base = openapiExample('GET /api/0/organizations/');
  const item = Array.isArray(base) ? base[0] : base;
  const out: Record<string, unknown> = {
    ...item,
    id: org.id,
    slug: org.slug,
    name: org.name,
    dateCreated: iso(org.dateCreated),
    requireEmailVerification: false,
    links: { organizationUrl: organizationUrl(org, u), regionUrl: regionUrl(org, u) },
  };
  if (detailed) {
    out.projects = store.projectsOf(org).map((p) => serializeProject(p, store, false));
    out.teams = [{ id: '1', slug: 'core', name: 'Core', isMember: true }];
    out.access = ['org:read', 'project:read', 'event:read', 'event:write', 'project:write'];
  }
  return out;
}

export function serializeProject(project: Project, store: Store, detailed: boolean): Record<string, unknown> {
  const base = openapiExample('GET /api/0/organizations/{organization_id_or_slug}/projects/');
  const item = (Array.isArray(base) ? base[0] : base) as Record<string, unknown>;
  const team = { id: '1', name: 'Core', slug: project.teamSlug };
  const out: Record<string, unknown> = {
    ...item,
    id: project.id,
    slug: project.slug,
    name: project.name,
    platform: project.platform,
    platforms: [project.platform],
    dateCreated: iso(project.dateCreated),
    firstEvent: iso(project.dateCreated + HOUR),
    team,
    teams: [team],
    environments: [...ENVIRONMENTS],
  };
  if (detailed) {
    const detail = openapiExample('GET /api/0/projects/{organization_id_or_slug}/{project_id_or_slug}/') as Record<
      string,
      unknown
    >;
    const org = store.orgs.find((o) => o.id === project.orgId)!;
    Object.assign(out, {
      ...detail,
      ...out,
      organization: { ...(detail.organization as object), id: org.id, slug: org.slug, name: org.name },
    });
  }
  return out;
}

const NOTE_USER = {
  id: '1',
  name: 'Dexter Demo',
  username: 'dexter@example.com',
  email: 'dexter@example.com',
  avatarUrl: null,
  isActive: true,
  hasPasswordAuth: true,
  isManaged: false,
  dateJoined: '2024-01-01T00:00:00Z',
  lastLogin: null,
  has2fa: false,
  lastActive: null,
  isSuperuser: false,
  isStaff: false,
  experiments: {},
  emails: [],
  avatar: { avatarType: 'letter_avatar', avatarUuid: null, avatarUrl: null },
};

/** A GroupNote is an Activity of type "note" (ActivitySerializer). */
export function serializeNote(note: Note): Record<string, unknown> {
  return {
    id: note.id,
    user: { ...NOTE_USER, name: note.userName },
    type: 'note',
    data: { text: note.text, mentions: [] },
    dateCreated: iso(note.dateCreated),
  };
}
