// One provider for Dexter's pages so the popup and the Explorer share a theme.
import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { cssVariablesResolver, dexterTheme } from './theme';
import type { ReactNode } from 'react';

export function Page({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={dexterTheme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="auto">
      {children}
    </MantineProvider>
  );
}
