// The Explorer's detail panel for one issue: summary, release and deploys, stack, breadcrumbs, request, contexts.
import { Accordion, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { memo, useEffect, useMemo, useState } from 'react';
import type { DexterError, ReleaseAnswer, Target } from '@/lib/messages';
import type { IssueDetail, SentryEvent } from '@/lib/sentry/schemas';
import { send } from '../api';
import { ErrorNote } from '../ui/ErrorNote';
import { LevelBadge } from '../ui/badges';
import { Breadcrumbs } from './Breadcrumbs';
import { DetailExtras } from './DetailExtras';
import { SimilarSection } from './SimilarSection';
import { IssueTrends } from '../trends/IssueTrends';
import { breadcrumbs, exceptions, messageText } from './event';
import { ContextsSection, RequestSection, TagsSection } from './EventSections';
import { clip } from './LongText';
import { Masked, type MaskSettings } from './Masked';
import { StackTrace } from './StackTrace';

interface ReleaseInfo {
  version: string;
  dateReleased?: string | null;
  deploys: { environment: string; dateFinished?: string | null }[];
}

/** The release and its deploys; without a deploy list, the release's own lastDeploy is the one deploy we know of. */
export function releaseInfo({ release, deploys }: ReleaseAnswer): ReleaseInfo {
  const last = release.lastDeploy as { environment?: unknown; dateFinished?: string | null } | null | undefined;
  const list = deploys.length
    ? deploys
    : last && typeof last.environment === 'string'
      ? [{ environment: last.environment, dateFinished: last.dateFinished }]
      : [];
  return {
    version: release.version,
    dateReleased: release.dateReleased,
    deploys: list.map((x) => ({ environment: x.environment, dateFinished: x.dateFinished })),
  };
}

interface Loaded {
  issue: IssueDetail | null;
  event: SentryEvent | null;
  release: ReleaseInfo | null;
  errors: DexterError[];
}

// Memoised: the Explorer re-renders its page as the local filter narrows; this part does not depend on it.
export const DetailPanel = memo(function DetailPanel({
  target,
  issueId,
  mask,
  onStatus,
}: {
  target: Target;
  issueId: string;
  mask: MaskSettings;
  onStatus(status: 'resolved' | 'ignored'): void;
}) {
  const [data, setData] = useState<Loaded | null>(null);
  useEffect(() => {
    let live = true;
    setData(null);
    void (async () => {
      const [i, e] = await Promise.all([
        send({ type: 'issue.get', target, issueId }),
        send({ type: 'issue.event', target, issueId, eventId: 'recommended' }),
      ]);
      const errors = [i, e].flatMap((r) => (r.ok ? [] : [r.error]));
      const event = e.ok ? e.data : null;
      const version = event?.release?.version ?? (i.ok ? i.data.lastRelease?.version : undefined);
      const r = version ? await send({ type: 'release.get', target, version }) : null;
      if (r && !r.ok) errors.push(r.error);
      if (live) setData({ issue: i.ok ? i.data : null, event, release: r?.ok ? releaseInfo(r.data) : null, errors });
    })();
    return () => {
      live = false;
    };
  }, [target, issueId]);

  // Read once per event, not per render: a 10,000-frame event makes these arrays large.
  const event = data?.event ?? null;
  const excs = useMemo(() => (event ? exceptions(event) : []), [event]);
  const crumbs = useMemo(() => (event ? breadcrumbs(event) : []), [event]);
  if (!data) return <Loader size="sm" aria-label="Loading issue" />;
  const { issue, release } = data;
  const message = event ? messageText(event) : '';
  return (
    <Stack gap="xs" aria-label="Issue details">
      {data.errors.map((err, k) => (
        <ErrorNote key={k} error={err} />
      ))}
      <Title order={3} size="h5">
        <Masked text={issue?.title ?? event?.title ?? issueId} mask={mask} />
      </Title>
      <Group gap="xs">
        <LevelBadge level={issue?.level} />
        <Text size="xs">{clip(issue?.shortId ?? '', 80)}</Text>
        <Text size="xs" c="dimmed">
          {clip(event?.dateCreated ?? issue?.lastSeen ?? '', 60)}
        </Text>
        <Text size="xs" c="dimmed">
          {clip(event?.platform ?? issue?.platform ?? '', 60)}
        </Text>
        <Text size="xs">{clip(issue?.status ?? '', 40)}</Text>
      </Group>
      <Group gap="xs">
        <Button size="compact-sm" onClick={() => onStatus('resolved')}>
          Resolve
        </Button>
        <Button size="compact-sm" variant="default" onClick={() => onStatus('ignored')}>
          Ignore
        </Button>
        <DetailExtras target={target} issueId={issueId} />
      </Group>
      {release && (
        <Text size="xs">
          Release {clip(release.version, 200)}
          {release.dateReleased ? ` (${clip(release.dateReleased, 60)})` : ''}
          {release.deploys.length
            ? ` · deployed to ${clip(release.deploys.map((d) => `${d.environment}${d.dateFinished ? ` ${d.dateFinished}` : ''}`).join(', '), 500)}`
            : ' · no deploys recorded'}
        </Text>
      )}
      {message && (
        <Text size="sm">
          <Masked text={message} mask={mask} />
        </Text>
      )}
      <SimilarSection target={target} issueId={issueId} projectId={issue?.project?.id} />
      <IssueTrends target={target} issueId={issueId} />
      {event && (
        <Accordion multiple defaultValue={['stack']} variant="contained">
          <Accordion.Item value="stack">
            <Accordion.Control>Stack trace</Accordion.Control>
            <Accordion.Panel>
              {excs.length ? (
                excs.map((x, k) => <StackTrace key={k} exception={x} mask={mask} />)
              ) : (
                <Text size="xs" c="dimmed">
                  No exception in this event.
                </Text>
              )}
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="crumbs">
            <Accordion.Control>Breadcrumbs</Accordion.Control>
            <Accordion.Panel>
              <Breadcrumbs items={crumbs} mask={mask} />
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="tags">
            <Accordion.Control>Tags</Accordion.Control>
            <Accordion.Panel>
              <TagsSection event={event} mask={mask} />
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="request">
            <Accordion.Control>HTTP request</Accordion.Control>
            <Accordion.Panel>
              <RequestSection event={event} mask={mask} />
            </Accordion.Panel>
          </Accordion.Item>
          <Accordion.Item value="contexts">
            <Accordion.Control>Contexts</Accordion.Control>
            <Accordion.Panel>
              <ContextsSection event={event} mask={mask} />
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      )}
    </Stack>
  );
});
