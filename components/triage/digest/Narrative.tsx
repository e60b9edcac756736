// The digest's narrative from the user's model: only statements whose every citation is an issue of the digest were
// kept (lib/digest/narrative.ts); the dropped ones are listed with why, so the reader sees what the model claimed and
// Dexter could not back. Statements are model text about event data: rendered as text.
import { Anchor, Group, List, Stack, Text, Title } from '@mantine/core';
import type { Digest } from '@/lib/digest/build';
import type { CheckedNarrative } from '@/lib/digest/narrative';
import { sentryLink, type Place } from '../target';

function Cite({ shortId, digest, link }: { shortId: string; digest: Digest; link: Place['link'] }) {
  const issue = digest.issues[shortId];
  const url = issue ? sentryLink(link, issue.id) : null;
  return url ? (
    <Anchor href={url} target="_blank" rel="noopener noreferrer" size="xs">
      {shortId}
    </Anchor>
  ) : (
    <Text span size="xs">
      {shortId}
    </Text>
  );
}

export function Narrative({
  narrative,
  digest,
  model,
  link,
}: {
  narrative: CheckedNarrative;
  digest: Digest;
  model?: string;
  link: Place['link'];
}) {
  const { statements, dropped } = narrative;
  return (
    <section aria-label="Narrative">
      <Title order={4} size="h6">
        Narrative{' '}
        {model && (
          <Text span size="xs" c="dimmed">
            by {model}
          </Text>
        )}
      </Title>
      <Stack gap={4}>
        {statements.length ? (
          <List size="sm" spacing={2}>
            {statements.map((s, k) => (
              <List.Item key={k}>
                {s.text}{' '}
                <Group component="span" gap={4} display="inline-flex">
                  (
                  {s.cites.map((c, j) => (
                    <span key={c}>
                      {j > 0 && ', '}
                      <Cite shortId={c} digest={digest} link={link} />
                    </span>
                  ))}
                  )
                </Group>
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm" c="dimmed">
            No statement of the model could be backed by the digest.
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {narrative.citationsValid} of {narrative.citationsChecked} citations name issues of this digest.
          {dropped.length
            ? ` Dropped ${dropped.length} statement${dropped.length === 1 ? '' : 's'}:`
            : ' No statement was dropped.'}
        </Text>
        {dropped.length > 0 && (
          <List size="xs" spacing={2} aria-label="Dropped statements">
            {dropped.map((d, k) => (
              <List.Item key={k}>
                “{d.text}” — dropped: {d.why}.
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </section>
  );
}
