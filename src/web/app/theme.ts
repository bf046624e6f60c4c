import { createTheme } from '@mantine/core';

/** Mantine's defaults with the network's teal; system fonts, so nothing is fetched from elsewhere. */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 8,
  defaultRadius: 'sm',
  cursorType: 'pointer',
});
