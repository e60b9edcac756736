// The full-page Explorer: up to 10,000 issues streamed into a virtual table (the first 100 show as soon as they
// come, the rest join as they arrive, with progress and Stop), bulk actions, export and a detail panel; one-line
// summaries for the rows in view, filterable by suspected cause; and the on-call digest with the same exports.
import { Button, Grid, Group, Loader, Tabs, Text, Title } from '@mantine/core';
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { parseSettings, type Settings } from '@/lib/settings';
import { send } from '../api';
import { BulkBar } from '../triage/BulkBar';
import { TriageContext } from '../triage/context';
import { FilterBar } from '../triage/FilterBar';
import { Pager } from '../triage/Pager';
import { SetStatus } from '../triage/SetStatus';
import { createRowFilter, sortRows, splitQuery, type IssueRow } from '../triage/rows';
import { createTriageStore, isRanked } from '../triage/store';
import { EXPLORER_LIMIT, TRIAGE_GRAPH } from '@/lib/triage/period';
import { placeFor, sentryLink, type Place } from '../triage/target';
import { useStore } from 'zustand';
import { DigestView } from '../triage/digest/DigestView';
import { SummarizeButton } from '../triage/SummarizeButton';
import { createSummaryStore, matchesCause } from '../triage/summaries';
import { SummaryContext, useRowsInView } from '../triage/summaryContext';
import { ErrorNote } from '../ui/ErrorNote';
import { CauseFilter } from './CauseFilter';
import { DigestExportMenu } from './DigestExportMenu';
import { openTab } from '../ui/open';
import { DetailPanel } from './DetailPanel';
import { panelUrl } from './DetailExtras';
import { ExportMenu } from './ExportMenu';
import { IssueTable } from './IssueTable';
import { LocalFilter } from './LocalFilter';
import type { RowActions } from './RowMenu';

export type ExplorerView = 'issues' | 'digest';

/** Explorer URL hash: #q=…&apiBase=…&org=…[&view=digest] (from `open.explorer` or a link). */
export function readHash(hash: string): {
  q: string;
  apiBase: string | null;
  org: string | null;
  projects: string[];
  view: ExplorerView;
} {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  return {
    q: p.get('q') ?? '',
    apiBase: p.get('apiBase'),
    org: p.get('org'),
    projects: p.getAll('project').filter((x) => /^\d+$/.test(x)),
    view: p.get('view') === 'digest' ? 'digest' : 'issues',
  };
}

export function ExplorerApp() {
  const [store] = useState(() =>
    createTriageStore({ pageSize: Infinity, setLimit: EXPLORER_LIMIT, confirmAbove: 100 }),
  );
  const [summaries] = useState(() => createSummaryStore('explorer'));
  const [view, setView] = useState<ExplorerView>(() => readHash(location.hash).view);
  // The digest asks Sentry when first shown, not with every Explorer that is opened.
  const [digestShown, setDigestShown] = useState(view === 'digest');
  const [cause, setCause] = useState('');
  const [settings, setSettings] = useState<Settings | null>(null);
  const [place, setPlace] = useState<Place | null>(null);
  const [detail, setDetail] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [rowFilter] = useState(createRowFilter);
  const searchRef = useRef<HTMLInputElement>(null);
  const rows = useStore(store, (s) => s.rows);
  const sort = useStore(store, (s) => s.sort);
  const loading = useStore(store, (s) => s.loading);
  const error = useStore(store, (s) => s.error);
  // Scores are computed once per load (in the store); sorting and the text filter run on precomputed keys,
  // each sort order is kept for the load, and typing one more letter filters only the last result.
  // Deferred: the "Sort by" select shows the new choice in the next frame; the table follows in a render after it.
  const shownSort = useDeferredValue(sort);
  const sorted = useMemo(() => sortRows(rows, shownSort), [rows, shownSort]);
  const byText = useMemo(() => rowFilter(sorted, filter), [rowFilter, sorted, filter]);
  // The cause filter follows the answers as they come (only while it is set: otherwise they re-render nothing here).
  // With "not summarised", a row that gets its answer leaves and the next one comes into view and is asked.
  const entries = useStore(summaries, (s) => (cause ? s.entries : null));
  const shown = useMemo(
    () => (cause && entries ? byText.filter((r) => matchesCause(entries[r.id], cause)) : byText),
    [byText, cause, entries],
  );
  const summarizing = useStore(summaries, (s) => s.on);
  const reportView = useRowsInView(view === 'issues' && summarizing, { store: summaries });
  const current = useRef({ sorted, shown });
  useEffect(() => {
    current.current = { sorted, shown };
  }, [sorted, shown]);
  const exportRows = useCallback(() => current.current, []);

  useEffect(() => {
    void (async () => {
      const [s, a] = await Promise.all([send({ type: 'settings.get' }), send({ type: 'auth.status' })]);
      const st = parseSettings(s.ok ? s.data : {});
      const hash = readHash(location.hash);
      let p = placeFor(undefined, st, a.ok ? a.data.sentryUrl : null);
      if (hash.apiBase && hash.org && /^https?:\/\//.test(hash.apiBase)) {
        const webBase = hash.apiBase.replace(/\/api\/0\/?$/, '');
        p = {
          ...p,
          target: { apiBase: hash.apiBase, org: hash.org },
          projects: hash.projects,
          link: {
            webBase,
            org: hash.org,
            hosting: /sentry\.io$/.test(new URL(webBase).hostname) ? 'saas' : 'self-hosted',
          },
          source: 'tab',
        };
      }
      store.getState().setContext(p.target, st, p.projects);
      summaries.getState().setTarget(p.target);
      if (st.insights.autoSummaries) summaries.getState().setOn(true);
      if (hash.q) store.setState(splitQuery(hash.q)); // before the filter bar mounts, so it shows the query
      setSettings(st);
      setPlace(p);
      if (p.target) await store.getState().load();
    })();
  }, [store, summaries]);

  const link = useCallback((id: string) => (place ? sentryLink(place.link, id) : null), [place]);
  // Stable callbacks, so the memoised table and its rows skip re-rendering when only the filter text changes.
  const actions = useMemo<RowActions>(
    () => ({
      link,
      open: (url) => void openTab(url),
      copy: (text) => void navigator.clipboard?.writeText(text),
      explain: (row) => place?.target && void openTab(panelUrl(place.target, row.id)),
      setStatus: (row, status) => void store.getState().bulk(status, [row.id]),
    }),
    [link, place, store],
  );
  const onOpen = useCallback((r: IssueRow) => setDetail(r.id), []);
  const focusSearch = useCallback(() => searchRef.current?.focus(), []);
  const onStatus = useCallback(
    (s: 'resolved' | 'ignored') => {
      if (detail) void store.getState().bulk(s, [detail]);
    },
    [detail, store],
  );

  const onView = useCallback((v: string | null) => {
    const next = v === 'digest' ? 'digest' : 'issues';
    setView(next);
    if (next === 'digest') setDigestShown(true);
  }, []);

  if (!place || !settings) return <Loader m="md" aria-label="Loading" />;
  return (
    <TriageContext.Provider value={store}>
      <SummaryContext.Provider value={summaries}>
        <Group justify="space-between" p="sm">
          <Title order={1} size="h3">
            Dexter Explorer{' '}
            {place.target && (
              <Text span c="dimmed">
                · {place.target.org}
              </Text>
            )}
          </Title>
          {view === 'issues' && <ExportMenu rows={exportRows} org={place.target?.org ?? ''} link={link} />}
        </Group>
        {!place.target && (
          <ErrorNote
            error={{
              kind: 'invalid-request',
              message: 'No Sentry organization chosen.',
              nextStep: 'Pick one in Dexter’s popup settings, or open the Explorer from a Sentry page.',
            }}
          />
        )}
        <Tabs value={view} onChange={onView} px="sm">
          <Tabs.List>
            <Tabs.Tab value="issues">Issues</Tabs.Tab>
            <Tabs.Tab value="digest">Digest</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="digest" pt="sm" maw={960}>
            {digestShown && (
              <DigestView
                target={place.target}
                link={place.link}
                actions={(answer) => <DigestExportMenu answer={answer} link={link} />}
              />
            )}
          </Tabs.Panel>
          <Tabs.Panel value="issues">
            <Grid py="sm" gap="md">
              <Grid.Col span={detail ? 7 : 12}>
                <FilterBar searchRef={searchRef} />
                <Group gap="xs" my="xs" align="end">
                  <LocalFilter onFilter={setFilter} />
                  <CauseFilter value={cause} onChange={setCause} />
                  <SummarizeButton />
                  <Text size="xs" c="dimmed" aria-live="polite">
                    {loading
                      ? `Loading… ${rows.length.toLocaleString()} so far`
                      : `${shown.length.toLocaleString()} of ${rows.length.toLocaleString()} issues`}
                  </Text>
                </Group>
                <SetStatus />
                <BulkBar />
                <ErrorNote error={error} />
                <IssueTable
                  rows={shown}
                  period={TRIAGE_GRAPH}
                  actions={actions}
                  onOpen={onOpen}
                  focusSearch={focusSearch}
                  onView={reportView}
                />
                {!isRanked(sort) && <Pager local={false} />}
              </Grid.Col>
              {detail && place.target && (
                <Grid.Col span={5}>
                  <Button size="compact-xs" variant="subtle" onClick={() => setDetail(null)} mb="xs">
                    Close details
                  </Button>
                  <DetailPanel
                    key={detail}
                    target={place.target}
                    issueId={detail}
                    mask={settings.privacy.maskInUi}
                    onStatus={onStatus}
                  />
                </Grid.Col>
              )}
            </Grid>
          </Tabs.Panel>
        </Tabs>
      </SummaryContext.Provider>
    </TriageContext.Provider>
  );
}
