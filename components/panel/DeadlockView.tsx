// The deadlock view of an issue: for each PostgreSQL deadlock in the latest event, the wait-for graph, the
// processes, a plain-language account and the fixes for its pattern.
import { Alert, Badge, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { analyseDeadlock, type DeadlockReport } from '@/lib/deadlock';
import type { DexterError, IssueAnalysis, Target } from '@/lib/messages';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { send } from '../api';
import { DeadlockGraph } from './DeadlockGraph';
import { ErrorPanel } from './ErrorPanel';
import { maskRules } from './MaskedText';
import { ProcessTable } from './ProcessTable';
import { Recommendations } from './Recommendations';

type Loaded =
  | { status: 'loading' }
  | { status: 'error'; error: DexterError }
  | { status: 'ok'; analysis: IssueAnalysis; reports: DeadlockReport[]; settings: Settings };

export function DeadlockView({ target, issueId, eventId }: { target: Target; issueId: string; eventId: string }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const load = useCallback(async () => {
    setLoaded({ status: 'loading' });
    const [analysis, settings] = await Promise.all([
      send({ type: 'issue.analysis', target, issueId, eventId }),
      send({ type: 'settings.get' }),
    ]);
    if (!analysis.ok) return setLoaded({ status: 'error', error: analysis.error });
    setLoaded({
      status: 'ok',
      analysis: analysis.data,
      reports: analysis.data.deadlocks,
      settings: settings.ok ? settings.data : DEFAULT_SETTINGS,
    });
  }, [target, issueId, eventId]);
  useEffect(() => {
    void load();
  }, [load]);

  if (loaded.status === 'loading') {
    return (
      <Group gap="xs" p="xs" data-testid="phase">
        <Loader size="xs" />
        <Text size="sm">Reading the latest event for a PostgreSQL deadlock…</Text>
      </Group>
    );
  }
  if (loaded.status === 'error')
    return <ErrorPanel error={loaded.error} onRetry={() => void load()} title="Could not read this issue’s event" />;
  const { analysis, reports, settings } = loaded;
  if (reports.length === 0) {
    return (
      <Alert p="xs" color={analysis.isDeadlock ? 'yellow' : 'gray'} data-testid="no-graph">
        <Text size="sm">
          {analysis.isDeadlock
            ? 'PostgreSQL reported a deadlock (SQLSTATE 40P01), but this event does not say which processes and locks were involved. Turn on log_lock_waits and look in the server log near the event’s time for the "Process … waits for …" lines.'
            : 'The latest event of this issue is not a PostgreSQL deadlock.'}
        </Text>
      </Alert>
    );
  }
  return (
    <Stack gap="lg" p="xs">
      {reports.map((report, i) => (
        <DeadlockReportView
          key={i}
          report={report}
          index={i}
          count={reports.length}
          maskRules={maskRules(settings.privacy)}
        />
      ))}
    </Stack>
  );
}

function DeadlockReportView({
  report,
  index,
  count,
  maskRules: rules,
}: {
  report: DeadlockReport;
  index: number;
  count: number;
  maskRules: ReturnType<typeof maskRules>;
}) {
  const analysis = analyseDeadlock(report);
  return (
    <Stack gap="sm" data-testid="deadlock-report">
      <Group gap="xs">
        <Title order={4}>{count > 1 ? `Deadlock ${index + 1} of ${count}` : 'PostgreSQL deadlock'}</Title>
        <Badge variant="light">{analysis.patternTitle}</Badge>
      </Group>
      {!report.complete && (
        <Alert p="xs" color="yellow" data-testid="partial">
          <Text size="sm">
            The graph is partial: the error text was cut off before the whole wait cycle was written. The server log has
            the full report.
          </Text>
        </Alert>
      )}
      {report.edges.length > 0 && <DeadlockGraph report={report} />}
      <div data-testid="account">
        <Text size="sm" fw={600}>
          What happened
        </Text>
        {analysis.steps.length > 0 ? (
          <>
            <Text size="sm">{cycleSentence(report)}</Text>
            <ol style={{ margin: 0, paddingLeft: 20 }}>
              {analysis.steps.map((s, i) => (
                <li key={i}>
                  <Text size="sm">{s}</Text>
                </li>
              ))}
            </ol>
          </>
        ) : (
          <Text size="sm">{analysis.summary}</Text>
        )}
      </div>
      <ProcessTable report={report} maskRules={rules} />
      <Text size="sm" fw={600}>
        How to stop it recurring
      </Text>
      <Recommendations items={analysis.recommendations} />
    </Stack>
  );
}

/** The headline of the account: who waited on whom, and who PostgreSQL aborted. */
export function cycleSentence(report: DeadlockReport): string {
  const cycle = report.cycles[0];
  const loop = cycle && cycle.length > 0 ? ` (${[...cycle, cycle[0]].join(' → ')})` : '';
  const processes = new Set(report.edges.flatMap((e) => [e.waiterPid, e.blockerPid])).size;
  const victim =
    report.victimPid !== null
      ? ` PostgreSQL aborted process ${report.victimPid} to break it — that process received the error; the others went on.`
      : '';
  return `${processes} processes waited on each other in a cycle${loop}.${victim}`;
}
