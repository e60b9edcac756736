// Dexter's Mantine theme, shared by the popup, the Explorer and the panel. Two changes from Mantine's defaults,
// both for WCAG contrast (axe-core's color-contrast rule): "dimmed" text is darker, and light-variant badges keep
// their tinted background but use the normal text colour (orange/yellow text on a tint is below 4.5:1).
import {
  createTheme,
  defaultVariantColorsResolver,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';

const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  return input.variant === 'light' ? { ...colors, color: 'var(--mantine-color-text)' } : colors;
};

export const dexterTheme = createTheme({
  primaryColor: 'violet',
  defaultRadius: 'sm',
  fontSizes: { md: '14px' },
  variantColorResolver,
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});

/** Status text colours with at least 4.5:1 contrast in both schemes (Mantine's red/orange/green 6 are below it). */
export const STATUS_TEXT = {
  error: 'light-dark(var(--mantine-color-red-9), var(--mantine-color-red-4))',
  warning: 'light-dark(#a34d00, var(--mantine-color-orange-4))',
  ok: 'light-dark(#1f6f32, var(--mantine-color-green-4))',
} as const;
