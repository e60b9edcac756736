// One provider for Dexter's pages so the popup and the Explorer share a theme.
import '@mantine/core/styles.css';
import { MantineProvider, createTheme } from '@mantine/core';
import type { ReactNode } from 'react';

const theme = createTheme({ primaryColor: 'violet', defaultRadius: 'sm', fontSizes: { md: '14px' } });

export function Page({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      {children}
    </MantineProvider>
  );
}
