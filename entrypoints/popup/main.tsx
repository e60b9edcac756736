import { createRoot } from 'react-dom/client';
import { PopupApp } from '@/components/popup/PopupApp';
import { Page } from '@/components/ui/Page';

createRoot(document.getElementById('root')!).render(
  <Page>
    <PopupApp />
  </Page>,
);
