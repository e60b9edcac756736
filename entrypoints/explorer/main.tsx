import { createRoot } from 'react-dom/client';
import { ExplorerApp } from '@/components/explorer/ExplorerApp';
import { Page } from '@/components/ui/Page';

createRoot(document.getElementById('root')!).render(
  <Page>
    <ExplorerApp />
  </Page>,
);
