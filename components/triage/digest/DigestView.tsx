// "What happened in the last N hours" for the on-call engineer (issue #17), in the popup and the Explorer: the data
// from Sentry at once, the model's cited narrative on request, and the whole as Markdown or Slack text to paste
// (lib/digest/format.ts escapes the titles for each). The Explorer adds its exports through `actions`.
import { Button, CopyButton, Group, Loader, NativeSelect, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DigestAnswer, Target } from '@/lib/messages';
import { digestMarkdown, digestSlack } from '@/lib/digest/format';
import { ErrorNote } from '../../ui/ErrorNote';
import type { Place } from '../target';
import { DigestLists } from './DigestLists';
import { Narrative } from './Narrative';
import { DIGEST_PERIODS, periodLabel, useDigest } from './useDigest';

function Copy({ label, text }: { label: string; text: string }) {
  return (
    <CopyButton value={text}>
      {({ copied, copy }) => (
        <Button size="compact-xs" variant="light" onClick={copy} aria-live="polite">
          {copied ? 'Copied' : label}
        </Button>
      )}
    </CopyButton>
  );
}

export function DigestView({
  target,
  link,
  actions,
}: {
  target: Target | null;
  link: Place['link'];
  actions?: (answer: DigestAnswer) => ReactNode;
}) {
  const d = useDigest(target);
  if (!target)
    return (
      <ErrorNote
        error={{
          kind: 'invalid-request',
          message: 'No Sentry organization to build a digest of.',
          nextStep: 'Open Sentry in this tab, or choose an organization in Settings.',
        }}
      />
    );
  const a = d.answer;
  return (
    <Stack gap="xs" aria-label="On-call digest">
      <Group gap="xs" align="end" wrap="wrap">
        <NativeSelect
          size="xs"
          label="Period"
          value={String(d.hours)}
          onChange={(e) => d.setHours(Number(e.currentTarget.value))}
          data={DIGEST_PERIODS.map((h) => ({ value: String(h), label: periodLabel(h) }))}
        />
        <Button size="compact-sm" variant="default" onClick={d.refresh} disabled={!!d.loading}>
          Refresh
        </Button>
        <Button
          size="compact-sm"
          variant="light"
          onClick={d.writeNarrative}
          disabled={!a || !!d.loading}
          title="Your own model writes a short summary; each statement must cite issues of the digest"
        >
          <span aria-hidden="true">✦</span>&nbsp;Write the narrative
        </Button>
        {d.loading && (
          <Loader
            size="xs"
            aria-label={d.loading === 'narrative' ? 'Your model is writing the narrative' : 'Building the digest'}
          />
        )}
      </Group>
      <ErrorNote error={d.error} />
      {a && (
        <>
          <Group gap="xs">
            <Copy label="Copy as Markdown" text={digestMarkdown(a.digest, a.narrative)} />
            <Copy label="Copy as Slack text" text={digestSlack(a.digest, a.narrative)} />
            {actions?.(a)}
          </Group>
          {a.narrativeError && <ErrorNote error={a.narrativeError} title="No narrative" />}
          {a.narrative && <Narrative narrative={a.narrative} digest={a.digest} model={a.model} link={link} />}
          <DigestLists digest={a.digest} link={link} />
        </>
      )}
      {!a && !d.loading && !d.error && (
        <Text size="sm" c="dimmed">
          No digest yet.
        </Text>
      )}
    </Stack>
  );
}
