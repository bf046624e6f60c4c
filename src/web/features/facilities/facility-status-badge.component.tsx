import { Badge, type MantineColor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { FacilityStatus } from '../../../modules/facilities/facility.rules';

/** One colour per step of the lifecycle, so a list can be read at a glance. */
export const STATUS_COLORS: Record<FacilityStatus, MantineColor> = {
  planned: 'blue',
  under_construction: 'yellow',
  operating: 'green',
  suspended: 'red',
  closed: 'gray',
};

export function FacilityStatusBadge({
  status,
  size = 'sm',
}: {
  status: FacilityStatus;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size={size} style={{ whiteSpace: 'nowrap' }}>
      {t(`status.${status}`)}
    </Badge>
  );
}
