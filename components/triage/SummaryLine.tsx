// A row's one-line summary as the popup shows it under the title, with the suspected cause as a small tag. The line
// is the model's reading of event data: rendered as text, never HTML. The Explorer's cell uses the same words.
import { Badge, Group, Text, VisuallyHidden } from '@mantine/core';
import { CAUSE_LABELS } from '@/lib/summary/causes';
import type { SummaryEntry } from './summaries';

export interface SummaryWords {
  /** The line, or what is happening instead ("summarizing…"). */
  line: string;
  /** The cause's words, for the tag (null: no tag). */
  cause: string | null;
  /** Everything else, for a tooltip and screen readers. */
  detail: string;
  muted: boolean;
}

const percent = (x: number) => `${Math.round(x * 100)}%`;

export function summaryWords(entry: SummaryEntry): SummaryWords {
  if (entry.state === 'asking')
    return { line: '✦ summarizing…', cause: null, detail: 'Your model is writing a one-line summary.', muted: true };
  if (entry.state === 'failed')
    return {
      line: '✦ no summary',
      cause: null,
      detail: [entry.error.message, entry.error.nextStep].filter(Boolean).join(' '),
      muted: true,
    };
  const s = entry.summary;
  const from = `From ${s.model}${s.cached ? ' (kept from before)' : ''}; the prompt was scrubbed of personal data.`;
  if (s.status !== 'ok')
    return {
      line: '✦ unknown',
      cause: null,
      detail: `The model gave no usable answer: ${s.reason ?? 'unknown reason'}. ${from}`,
      muted: true,
    };
  return {
    line: s.summary,
    cause: CAUSE_LABELS[s.cause],
    detail: `Suspected cause: ${CAUSE_LABELS[s.cause]} (confidence ${percent(s.confidence)}). ${from}`,
    muted: false,
  };
}

export function SummaryLine({ entry }: { entry: SummaryEntry | undefined }) {
  if (!entry) return null;
  const w = summaryWords(entry);
  return (
    <Group gap={4} wrap="nowrap" data-testid="summary-line" title={w.detail}>
      {w.cause && (
        <Badge
          size="xs"
          variant="outline"
          color="violet"
          maw={140}
          style={{ flexShrink: 0 }}
          data-cause={entry.state === 'done' ? entry.summary.cause : undefined}
        >
          <VisuallyHidden>Suspected cause: </VisuallyHidden>
          {w.cause}
        </Badge>
      )}
      <Text size="xs" c={w.muted ? 'dimmed' : undefined} fs={w.muted ? 'italic' : undefined} truncate="end">
        {w.line}
      </Text>
    </Group>
  );
}
