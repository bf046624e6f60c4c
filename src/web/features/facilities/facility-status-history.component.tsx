import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../ui/format';
import { FacilityStatusBadge, STATUS_COLORS } from './facility-status-badge.component';
import type { FacilityDetail } from './facility.resource';

/** Every status the facility went through, newest first: to what, from when, why, and who said so. */
export function FacilityStatusHistory({ history }: { history: FacilityDetail['statusHistory'] }) {
  const { t, i18n } = useTranslation();
  return (
    <Timeline active={history.length - 1} bulletSize={14} lineWidth={2} data-testid="status-history">
      {history.map((change) => (
        <Timeline.Item
          key={change.id}
          color={STATUS_COLORS[change.toStatus]}
          title={
            <>
              <FacilityStatusBadge status={change.toStatus} />{' '}
              <Text span size="sm" c="dimmed">
                {change.fromStatus
                  ? t('history.fromOn', {
                      from: t(`status.${change.fromStatus}`),
                      date: formatDate(change.effectiveOn, i18n.language),
                    })
                  : t('history.registeredOn', { date: formatDate(change.effectiveOn, i18n.language) })}
              </Text>
            </>
          }
        >
          <Text size="sm" mt={4}>
            {change.reason}
          </Text>
          <Text size="xs" c="dimmed" mt={2}>
            {t('history.recorded', { who: change.recordedBy, when: formatDateTime(change.recordedAt, i18n.language) })}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
