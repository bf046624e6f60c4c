import { useMediaQuery } from '@mantine/hooks';

/** True on a phone-sized screen, below Mantine's `sm` breakpoint (48em), where tables become lists. */
export function usePhoneLayout(): boolean {
  return useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
}
