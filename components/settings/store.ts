// Settings page state: stored settings, token status, LLM status and the org/project pickers, each with its
// own error so one failing check does not hide the others.
import { createStore } from 'zustand/vanilla';
import type { AuthStatus, DexterError, LlmStatus } from '@/lib/messages';
import { parseSettings, type Settings } from '@/lib/settings';
import { apiBaseOf } from '@/lib/sentry/page';
import { send } from '../api';

export interface OrgOption {
  slug: string;
  name: string;
}
export interface ProjectOption {
  id: string;
  slug: string;
  name: string;
}
type Section = 'settings' | 'auth' | 'llm' | 'orgs' | 'projects';

export interface SettingsState {
  settings: Settings | null;
  auth: AuthStatus | null;
  llm: LlmStatus | null;
  orgs: OrgOption[];
  projects: ProjectOption[];
  errors: Partial<Record<Section, DexterError>>;
  busy: Partial<Record<Section, boolean>>;
  init(): Promise<void>;
  patch(section: keyof Settings, values: Record<string, unknown>): Promise<boolean>;
  saveToken(token: string, sentryUrl: string): Promise<void>;
  clearToken(): Promise<void>;
  refreshAuth(): Promise<void>;
  refreshLlm(): Promise<void>;
  /** The LLM server's API key goes to the background once and is never read back: only whether one is set. */
  saveLlmKey(apiKey: string): Promise<boolean>;
  clearLlmKey(): Promise<void>;
  loadOrgs(): Promise<void>;
  loadProjects(org: string): Promise<void>;
}

export function sentryApiBase(auth: AuthStatus | null): string {
  return apiBaseOf(auth?.sentryUrl || 'https://sentry.io');
}

export function createSettingsStore() {
  return createStore<SettingsState>()((set, get) => {
    const fail = (section: Section, error: DexterError | null) =>
      set((s) => ({ errors: { ...s.errors, [section]: error ?? undefined }, busy: { ...s.busy, [section]: false } }));
    const busy = (section: Section) => set((s) => ({ busy: { ...s.busy, [section]: true } }));

    return {
      settings: null,
      auth: null,
      llm: null,
      orgs: [],
      projects: [],
      errors: {},
      busy: {},

      async init() {
        busy('settings');
        const r = await send({ type: 'settings.get' });
        if (r.ok) set({ settings: parseSettings(r.data) });
        fail('settings', r.ok ? null : r.error);
        await Promise.all([get().refreshAuth(), get().refreshLlm()]);
      },
      async patch(section, values) {
        const current = get().settings;
        if (!current) return false;
        // Whole sections are sent so the background's merge cannot drop sibling fields.
        const next = { ...current[section], ...values };
        busy('settings');
        const r = await send({ type: 'settings.set', patch: { [section]: next } });
        if (r.ok)
          set({
            settings:
              r.data && typeof r.data === 'object'
                ? parseSettings(r.data)
                : parseSettings({ ...current, [section]: next }),
          });
        fail('settings', r.ok ? null : r.error);
        return r.ok;
      },
      async saveToken(token, sentryUrl) {
        busy('auth');
        const r = await send({ type: 'auth.set', token: token.trim(), sentryUrl });
        if (!r.ok) return fail('auth', r.error);
        await get().refreshAuth();
      },
      async clearToken() {
        busy('auth');
        const r = await send({ type: 'auth.clear' });
        if (!r.ok) return fail('auth', r.error);
        await get().refreshAuth();
      },
      async refreshAuth() {
        busy('auth');
        const r = await send({ type: 'auth.status' });
        if (r.ok) set({ auth: r.data });
        fail('auth', r.ok ? null : r.error);
        if (r.ok && (r.data.valid || r.data.via === 'session')) await get().loadOrgs();
      },
      async refreshLlm() {
        busy('llm');
        const r = await send({ type: 'llm.status' });
        if (r.ok) set({ llm: r.data });
        fail('llm', r.ok ? null : r.error);
      },
      async saveLlmKey(apiKey) {
        busy('llm');
        const r = await send({ type: 'llm.key.set', apiKey: apiKey.trim() });
        if (!r.ok) {
          fail('llm', r.error);
          return false;
        }
        await get().refreshLlm();
        return true;
      },
      async clearLlmKey() {
        busy('llm');
        const r = await send({ type: 'llm.key.clear' });
        if (!r.ok) return fail('llm', r.error);
        await get().refreshLlm();
      },
      async loadOrgs() {
        busy('orgs');
        const r = await send({ type: 'orgs.list', target: { apiBase: `${sentryApiBase(get().auth)}` } });
        if (r.ok) set({ orgs: r.data.map((o) => ({ slug: o.slug, name: o.name || o.slug })) });
        fail('orgs', r.ok ? null : r.error);
        const org = get().settings?.sentry.org;
        if (r.ok && org) await get().loadProjects(org);
      },
      async loadProjects(org) {
        busy('projects');
        const r = await send({ type: 'projects.list', target: { apiBase: sentryApiBase(get().auth), org } });
        if (r.ok) set({ projects: r.data.map((p) => ({ id: p.id, slug: p.slug, name: p.name || p.slug })) });
        fail('projects', r.ok ? null : r.error);
      },
    };
  });
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
