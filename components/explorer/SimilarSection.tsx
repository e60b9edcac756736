// The detail panel's "Similar issues" (issue #17): issues of this organization, across projects and platforms, whose
// signature is close to this issue's latest event, with their score and why. Issues of the same project can be merged
// with Sentry's merge, behind a confirmation that says Dexter cannot undo it. Titles are event data: shown as text.
import { Badge, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { DexterError, SimilarIssueAnswer, SimilarMatch, Target } from '@/lib/messages';
import { send } from '../api';
import { ErrorNote } from '../ui/ErrorNote';
import { clip } from './LongText';

export function SimilarSection({
  target,
  issueId,
  projectId,
}: {
  target: Target;
  issueId: string;
  projectId?: string;
}) {
  const [answer, setAnswer] = useState<SimilarIssueAnswer | null>(null);
  const [error, setError] = useState<DexterError | null>(null);
  const [confirm, setConfirm] = useState<SimilarMatch | null>(null);
  const [merged, setMerged] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setAnswer(null);
    setError(null);
    void send({ type: 'similar.issue', target, issueId }).then((r) => {
      if (!live) return;
      if (r.ok) setAnswer(r.data);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [target, issueId]);

  const merge = async (m: SimilarMatch) => {
    if (!projectId) return;
    const r = await send({ type: 'issues.merge', target, projectId, ids: [issueId, m.id] });
    setConfirm(null);
    if (r.ok)
      setMerged(`Sentry merged ${m.shortId} with this issue${r.data.parent ? ` (into ${r.data.parent})` : ''}.`);
    else setError(r.error);
  };

  if (error) return <ErrorNote error={error} />;
  if (!answer) return <Loader size="xs" aria-label="Looking for similar issues" />;
  return (
    <Stack gap={4} aria-label="Similar issues">
      <Text size="xs" c="dimmed">
        {answer.method === 'hashed-v1'
          ? 'Model-free similarity'
          : `Embeddings (${clip(answer.method.replace(/^embed:[^:]+:/, ''), 80)})`}{' '}
        of: {clip(answer.signature.split('\n')[0] ?? '', 160)}
      </Text>
      {merged && (
        <Text size="xs" c="green">
          {merged}
        </Text>
      )}
      {!answer.matches.length && (
        <Text size="xs">No issue Dexter has seen in this organization looks like this one.</Text>
      )}
      {answer.matches.map((m) => (
        <Stack key={m.id} gap={0}>
          <Group gap="xs" wrap="nowrap">
            <Badge size="xs" variant="light">
              {Math.round(m.score * 100)}%
            </Badge>
            <Text size="xs" fw={600}>
              {clip(m.shortId, 40)}
            </Text>
            <Text size="xs" truncate title={m.title}>
              {clip(m.title, 200)}
            </Text>
            {!m.sameProject && (
              <Badge size="xs" color="gray" variant="outline">
                another project
              </Badge>
            )}
            {m.sameProject && projectId && (
              <Button size="compact-xs" variant="subtle" onClick={() => setConfirm(m)}>
                Merge…
              </Button>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {m.reason}
          </Text>
          {confirm?.id === m.id && (
            <Stack gap={4} role="alertdialog" aria-label="Confirm merge">
              <Text size="xs">
                Merge {clip(m.shortId, 40)} into one issue with this one? Sentry combines their events;{' '}
                <b>merging cannot be undone by Dexter</b> (only Sentry’s own UI can unmerge, by fingerprint).
              </Text>
              <Group gap="xs">
                <Button size="compact-xs" color="red" onClick={() => void merge(m)}>
                  Merge in Sentry
                </Button>
                <Button size="compact-xs" variant="default" onClick={() => setConfirm(null)}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
