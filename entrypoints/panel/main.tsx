// panel.html: the Explain / deadlock / selection page that the content script embeds and the context menu opens.
import { createRoot } from 'react-dom/client';
import { PanelApp } from '@/components/panel/PanelApp';
import { reportPanelHeight } from '@/components/panel/panelHeight';
import { parsePanelHash, parsePanelLook } from '@/components/panel/panelRoute';

const root = createRoot(document.getElementById('root')!);
const render = () =>
  root.render(
    <PanelApp
      key={location.hash}
      route={parsePanelHash(location.hash)}
      look={parsePanelLook(location.hash, window.parent !== window)}
    />,
  );
render();
// The content script re-points the same iframe when Sentry navigates between issues; the key starts afresh.
window.addEventListener('hashchange', render);
reportPanelHeight();
