// The full-page Explorer: many pages of issues in a virtual table, bulk actions, export and a detail panel.
import { Button, Grid, Group, Loader, Menu, Text, TextInput, Title } from '@mantine/core';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { AuthStatus } from '@/lib/messages';
import { parseSettings, type Settings } from '@/lib/settings';
import { send } from '../api';
import { BulkBar } from '../triage/BulkBar';
import { TriageContext } from '../triage/context';
import { FilterBar } from '../triage/FilterBar';
import { Pager } from '../triage/Pager';
import { filterRows, sortRows, splitQuery, type IssueRow } from '../triage/rows';
import { createTriageStore } from '../triage/store';
import { placeFor, sentryLink, type Place } from '../triage/target';
import { useStore } from 'zustand';
import { ErrorNote } from '../ui/ErrorNote';
import { openTab } from '../ui/open';
import { DetailPanel } from './DetailPanel';
import { panelUrl } from './DetailExtras';
import { download, toCsv, toExportRow, toJson, toMarkdown } from './export';
import { IssueTable } from './IssueTable';
import type { RowActions } from './RowMenu';

/** Explorer URL hash: #q=…&apiBase=…&org=… (from `open.explorer` or a link). */
export function readHash(hash: string): { q: string; apiBase: string | null; org: string | null; projects: string[] } {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  return { q: p.get('q') ?? '', apiBase: p.get('apiBase'), org: p.get('org'), projects: p.getAll('project').filter((x) => /^\d+$/.test(x)) };
}

export function ExplorerApp() {
  const [store] = useState(() => createTriageStore({ maxPages: 100, chunkSize: 1000, limit: 100 }));
  const [settings, setSettings] = useState<Settings | null>(null);
  const [place, setPlace] = useState<Place | null>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const rows = useStore(store, (s) => s.rows);
  const sort = useStore(store, (s) => s.sort);
  const loading = useStore(store, (s) => s.loading);
  const error = useStore(store, (s) => s.error);
  const selected = useStore(store, (s) => s.selected);
  // Scores are computed once per load (in the store); sorting and the text filter run on precomputed keys.
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  // Deferred: typing stays responsive while 10,000 rows are filtered.
  const deferredFilter = useDeferredValue(filter);
  const shown = useMemo(() => filterRows(sorted, deferredFilter), [sorted, deferredFilter]);

  useEffect(() => {
    void (async () => {
      const [s, a] = await Promise.all([send<Settings>({ type: 'settings.get' }), send<AuthStatus>({ type: 'auth.status' })]);
      const st = parseSettings(s.ok ? s.data : {});
      const hash = readHash(location.hash);
      let p = placeFor(undefined, st, a.ok ? a.data.sentryUrl : null);
      if (hash.apiBase && hash.org && /^https?:\/\//.test(hash.apiBase)) {
        const webBase = hash.apiBase.replace(/\/api\/0\/?$/, '');
        p = { ...p, target: { apiBase: hash.apiBase, org: hash.org }, projects: hash.projects, link: { webBase, org: hash.org, hosting: /sentry\.io$/.test(new URL(webBase).hostname) ? 'saas' : 'self-hosted' }, source: 'tab' };
      }
      store.getState().setContext(p.target, st, p.projects);
      if (hash.q) store.setState(splitQuery(hash.q)); // before the filter bar mounts, so it shows the query
      setSettings(st);
      setPlace(p);
      if (p.target) await store.getState().load();
    })();
  }, [store]);

  const link = (id: string) => (place ? sentryLink(place.link, id) : null);
  const actions: RowActions = {
    link,
    open: (url) => void openTab(url),
    copy: (text) => void navigator.clipboard?.writeText(text),
    explain: (row) => place?.target && void openTab(panelUrl(place.target, row.id)),
    setStatus: (row, status) => void store.getState().bulk(status, [row.id]),
  };
  const exportAs = (kind: 'csv' | 'json' | 'md') => {
    const chosen: IssueRow[] = sorted.filter((r) => selected.has(r.id));
    const out = (chosen.length ? chosen : shown).map((r) => toExportRow(r, link));
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    if (kind === 'csv') download(`dexter-issues-${stamp}.csv`, toCsv(out), 'text/csv');
    else if (kind === 'json') download(`dexter-issues-${stamp}.json`, toJson(out), 'application/json');
    else download(`dexter-issues-${stamp}.md`, toMarkdown(out, { title: `Sentry issues — ${place?.target?.org ?? ''}` }), 'text/markdown');
  };

  if (!place || !settings) return <Loader m="md" aria-label="Loading" />;
  return (
    <TriageContext.Provider value={store}>
      <Group justify="space-between" p="sm">
        <Title order={1} size="h3">Dexter Explorer {place.target && <Text span c="dimmed">· {place.target.org}</Text>}</Title>
        <Menu>
          <Menu.Target><Button variant="light" size="sm">Export {selected.size ? `${selected.size} selected` : 'shown'}</Button></Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => exportAs('csv')}>CSV</Menu.Item>
            <Menu.Item onClick={() => exportAs('json')}>JSON</Menu.Item>
            <Menu.Item onClick={() => exportAs('md')}>Markdown report</Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
      {!place.target && <ErrorNote error={{ kind: 'invalid-request', message: 'No Sentry organization chosen.', nextStep: 'Pick one in Dexter’s popup settings, or open the Explorer from a Sentry page.' }} />}
      <Grid p="sm" gap="md">
        <Grid.Col span={detail ? 7 : 12}>
          <FilterBar searchRef={searchRef} />
          <Group gap="xs" my="xs" align="end">
            <TextInput size="xs" label="Filter loaded issues" value={filter} onChange={(e) => setFilter(e.currentTarget.value)} />
            <Text size="xs" c="dimmed" aria-live="polite">{loading ? 'Loading…' : `${shown.length.toLocaleString()} of ${rows.length.toLocaleString()} issues`}</Text>
          </Group>
          <BulkBar confirmAbove={100} />
          <ErrorNote error={error} />
          <IssueTable rows={shown} period={settings.list.statsPeriod} actions={actions} onOpen={(r) => setDetail(r.id)} focusSearch={() => searchRef.current?.focus()} />
          <Pager />
        </Grid.Col>
        {detail && place.target && (
          <Grid.Col span={5}>
            <Button size="compact-xs" variant="subtle" onClick={() => setDetail(null)} mb="xs">Close details</Button>
            <DetailPanel key={detail} target={place.target} issueId={detail} mask={settings.privacy.maskInUi} onStatus={(s) => void store.getState().bulk(s, [detail])} />
          </Grid.Col>
        )}
      </Grid>
    </TriageContext.Provider>
  );
}
