// Dexter's popup: quick triage of the project in the active tab (with one-line summaries of the rows in view), the
// on-call digest, and settings.
import { Loader, Tabs } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { SettingsContext } from '../settings/context';
import { SettingsView } from '../settings/SettingsView';
import { createSettingsStore } from '../settings/store';
import { TriageContext } from '../triage/context';
import { createTriageStore } from '../triage/store';
import { placeFor, type Place } from '../triage/target';
import { TriageView } from '../triage/TriageView';
import { DigestView } from '../triage/digest/DigestView';
import { createSummaryStore } from '../triage/summaries';
import { SummaryContext } from '../triage/summaryContext';
import { send } from '../api';
import type { PageReport } from '@/lib/diagnostics';
import { PageNotice } from './PageNotice';

async function activeTab(): Promise<{ url?: string; id?: number }> {
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return { url: tab?.url, id: tab?.id };
  } catch {
    return {};
  }
}

export function PopupApp() {
  const [settingsStore] = useState(createSettingsStore);
  const [triageStore] = useState(() => createTriageStore({ pageSize: 25 }));
  const [summaryStore] = useState(() => createSummaryStore('popup'));
  const [place, setPlace] = useState<Place | null>(null);
  const [tab, setTab] = useState<string | null>('triage');
  const [report, setReport] = useState<PageReport | null>(null);
  const placeRef = useRef<Place | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      await settingsStore.getState().init();
      const { settings, auth } = settingsStore.getState();
      if (!settings || !live) return;
      const active = await activeTab();
      if (active.id !== undefined)
        void send({ type: 'page.status', tabId: active.id }).then((r) => live && r.ok && setReport(r.data));
      const p = placeFor(active.url, settings, auth?.sentryUrl);
      if (!live) return;
      placeRef.current = p;
      setPlace(p);
      summaryStore.getState().setTarget(p.target);
      if (settings.insights.autoSummaries) summaryStore.getState().setOn(true);
      if (!p.target) {
        setTab('settings');
        return;
      }
      triageStore.getState().setContext(p.target, settings, p.projects);
      await triageStore.getState().load();
    })();
    return () => {
      live = false;
    };
  }, [settingsStore, triageStore, summaryStore]);

  // The popup closing runs no effect cleanup: say goodbye while the page still can (the summary port, which the
  // background watches, covers the case where even this does not get through).
  useEffect(() => {
    const leave = () => summaryStore.getState().leave();
    addEventListener('pagehide', leave);
    return () => removeEventListener('pagehide', leave);
  }, [summaryStore]);

  // An org/project picked in Settings re-targets Triage, unless the active tab already names one.
  useEffect(
    () =>
      settingsStore.subscribe((s, prev) => {
        const was = prev.settings?.sentry;
        const now = s.settings?.sentry;
        if (!s.settings || !now || (was && was.org === now.org && was.project === now.project)) return;
        if (!placeRef.current || placeRef.current.source === 'tab') return;
        const next = placeFor(undefined, s.settings, s.auth?.sentryUrl);
        placeRef.current = next;
        setPlace(next);
        summaryStore.getState().setTarget(next.target);
        triageStore.getState().setContext(next.target, s.settings, next.projects);
        if (next.target) void triageStore.getState().load();
      }),
    [settingsStore, triageStore, summaryStore],
  );

  return (
    <SettingsContext.Provider value={settingsStore}>
      <TriageContext.Provider value={triageStore}>
        <SummaryContext.Provider value={summaryStore}>
          <Tabs value={tab} onChange={setTab} keepMounted={false} p="xs">
            <PageNotice report={report} />
            <Tabs.List>
              <Tabs.Tab value="triage">Triage</Tabs.Tab>
              <Tabs.Tab value="digest">Digest</Tabs.Tab>
              <Tabs.Tab value="settings">Settings</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="triage" pt="xs">
              {place ? <TriageView place={place} /> : <Loader size="sm" aria-label="Loading" />}
            </Tabs.Panel>
            <Tabs.Panel value="digest" pt="xs">
              {place ? (
                <DigestView target={place.target} link={place.link} />
              ) : (
                <Loader size="sm" aria-label="Loading" />
              )}
            </Tabs.Panel>
            <Tabs.Panel value="settings" pt="xs">
              <SettingsView autoLoad={false} />
            </Tabs.Panel>
          </Tabs>
        </SummaryContext.Provider>
      </TriageContext.Provider>
    </SettingsContext.Provider>
  );
}
