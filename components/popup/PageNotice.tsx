// A quiet notice when the overlay could not run some features on the active tab's Sentry page (its layout not
// recognised, an anchor missing, a failure), with the diagnostics a bug report needs, one click away.
import { Alert, Button, CopyButton, List, Text } from '@mantine/core';
import { diagnosticsText, type PageReport } from '@/lib/diagnostics';

function dexterVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return 'unknown';
  }
}

export function PageNotice({ report }: { report: PageReport | null }) {
  if (!report?.troubles.length) return null;
  const text = diagnosticsText(report, { dexterVersion: dexterVersion(), browser: navigator.userAgent });
  return (
    <Alert
      color="orange"
      variant="light"
      p="xs"
      mb="xs"
      title="Dexter could not run everything on this page"
      data-testid="page-notice"
    >
      <List size="sm" spacing={2}>
        {report.troubles.map((t) => (
          <List.Item key={t.feature}>
            <Text span size="sm" fw={600}>
              {t.label}:
            </Text>{' '}
            <Text span size="sm">
              {t.message}
            </Text>
          </List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed" mt={4}>
        Sentry may have changed its page. The diagnostics hold no event data: the page’s URL pattern, the hooks not
        found and Sentry’s release.
      </Text>
      <CopyButton value={text}>
        {({ copied, copy }) => (
          <Button size="compact-xs" variant="light" mt={4} onClick={copy}>
            {copied ? 'Copied' : 'Copy diagnostics'}
          </Button>
        )}
      </CopyButton>
    </Alert>
  );
}
