import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ReferralSummary } from './referrals.resource';

/**
 * A badge's label may otherwise shrink to nothing inside a table cell (it hides its overflow, so
 * its minimum width is zero) and show as "EMERGE…"; these badges always show their whole word.
 */
const WHOLE_WORD = { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } } as const;

const STATUS_COLOR: Record<ReferralSummary['status'], string> = {
  sent: 'blue',
  received: 'cyan',
  accepted: 'teal',
  refused: 'red',
  attended: 'green',
  counter_referred: 'grape',
  closed: 'gray',
};

/** Where a referral stands, in a word; an unanswered one past its deadline says so in red. */
export function ReferralStatusBadge({ referral }: { referral: Pick<ReferralSummary, 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  if (referral.overdue)
    return (
      <Badge styles={WHOLE_WORD} color="red">
        {t('referrals.overdue')}
      </Badge>
    );
  return (
    <Badge styles={WHOLE_WORD} color={STATUS_COLOR[referral.status]}>
      {t(`referrals.statuses.${referral.status}`)}
    </Badge>
  );
}

export function UrgencyBadge({ urgency }: { urgency: ReferralSummary['urgency'] }) {
  const { t } = useTranslation();
  const color = urgency === 'emergency' ? 'red' : urgency === 'priority' ? 'orange' : 'gray';
  return (
    <Badge styles={WHOLE_WORD} variant="light" color={color}>
      {t(`referrals.urgencies.${urgency}`)}
    </Badge>
  );
}
