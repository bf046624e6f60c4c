import { Divider, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RouterNavLink } from '../../ui/link-components';
import { hasPermission, useMe } from '../auth/session.resource';
import type { MedicinesView } from './medicines-views';

/** The medicines section of the menu: the keeper's tasks, or the territory's figures. */
export function MedicinesMenu({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const items: MedicinesView[] = [
    ...(hasPermission(me, 'medicines.write') ? (['stock', 'queue', 'count'] as const) : []),
    ...(hasPermission(me, 'medicines.oversee') ? (['territory', 'differences'] as const) : []),
  ];
  if (items.length === 0) return null;
  return (
    <Stack gap={2} component="nav" aria-label={t('medicines.menu')} mb="sm">
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm">
        {t('medicines.menu')}
      </Text>
      {items.map((view) => (
        <RouterNavLink
          key={view}
          to="/medicines/$view"
          params={{ view }}
          search={{}}
          label={t(`medicines.tabs.${view}`)}
          activeOptions={{ exact: true, includeSearch: false }}
          active={pathname === `/medicines/${view}`}
        />
      ))}
      <Divider mt="xs" />
    </Stack>
  );
}
