// The panel page: one of the Explain, deadlock or selection views, picked by the URL hash, in Sentry's theme.
import '@mantine/core/styles.css';
import { Alert, MantineProvider, Text } from '@mantine/core';
import { cssVariablesResolver, dexterTheme } from '../ui/theme';
import { DeadlockView } from './DeadlockView';
import { ExplainView } from './ExplainView';
import { IssueTrends } from '../trends/IssueTrends';
import type { PanelLook, PanelRoute } from './panelRoute';

export function PanelApp({ route, look }: { route: PanelRoute; look: PanelLook }) {
  return (
    <MantineProvider
      theme={dexterTheme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme={look.theme}
      forceColorScheme={look.theme === 'auto' ? undefined : look.theme}
    >
      <PanelRouteView route={route} />
    </MantineProvider>
  );
}

function PanelRouteView({ route }: { route: PanelRoute }) {
  switch (route.view) {
    case 'explain':
      return (
        <ExplainView
          source={{ kind: 'issue', target: route.target, issueId: route.issueId, eventId: route.eventId }}
          autostart={route.autostart}
        />
      );
    case 'selection':
      return <ExplainView source={{ kind: 'selection', nonce: route.nonce }} autostart />;
    case 'deadlock':
      return <DeadlockView target={route.target} issueId={route.issueId} eventId={route.eventId} />;
    case 'trends':
      return (
        <div style={{ padding: 8 }}>
          <IssueTrends target={route.target} issueId={route.issueId} />
        </div>
      );
    case 'invalid':
      return (
        <Alert color="red" p="xs" role="alert" title="Dexter could not open this panel">
          <Text size="sm">{route.reason}</Text>
          <Text size="sm" c="dimmed">
            Reload the Sentry page, or use the context menu again.
          </Text>
        </Alert>
      );
  }
}
