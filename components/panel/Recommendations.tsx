// How to stop this deadlock recurring: each fix with why, a short SQL example and the PostgreSQL docs.
import { Anchor, Code, Stack, Text } from '@mantine/core';
import type { Recommendation } from '@/lib/deadlock';
import { safeHref } from '../Markdown';

export function Recommendations({ items }: { items: readonly Recommendation[] }) {
  return (
    <Stack gap="sm" data-testid="recommendations">
      {items.map((r) => (
        <div key={r.id}>
          <Text size="sm" fw={600}>
            {r.title}
          </Text>
          <Text size="sm">{r.why}</Text>
          {r.example && (
            <Code block style={{ whiteSpace: 'pre-wrap' }}>
              {r.example}
            </Code>
          )}
          {r.docs.map((d) => {
            const href = safeHref(d.url);
            return href ? (
              <Anchor key={d.url} size="xs" href={href} target="_blank" rel="noopener noreferrer" mr="sm">
                {d.section}
              </Anchor>
            ) : null;
          })}
        </div>
      ))}
    </Stack>
  );
}
