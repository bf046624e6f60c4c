import { Card, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { RouterAnchor } from '../../ui/link-components';
import { PageHeader } from '../../ui/page-header.component';
import { QueryState } from '../../ui/query-state.component';
import { useMyPostId } from '../census/census.resource';
import { useFacility } from '../facilities/facility.resource';
import { ReferralStatusBadge, UrgencyBadge } from './referral-labels';
import { useReferralList, type ReferralSummary } from './referrals.resource';
import { useServiceName } from '../facilities/service-names';

function ReferralTable({ items, side }: { items: ReferralSummary[]; side: 'received' | 'sent' }) {
  const { t, i18n } = useTranslation();
  const serviceName = useServiceName();
  if (items.length === 0) return <Text c="dimmed">{t('referrals.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover data-testid={`referrals-${side}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('referrals.patient')}</Table.Th>
            <Table.Th>{side === 'received' ? t('referrals.from') : t('referrals.to')}</Table.Th>
            <Table.Th>{t('referrals.service')}</Table.Th>
            <Table.Th>{t('referrals.urgency')}</Table.Th>
            <Table.Th>{t('referrals.sentAt')}</Table.Th>
            <Table.Th>{t('referrals.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <RouterAnchor to="/referrals/$referralId" params={{ referralId: r.id }} fw={600}>
                  {r.person.name}
                </RouterAnchor>
                <Text size="xs" c="dimmed">
                  {r.icd10.code} · {r.icd10.title}
                </Text>
              </Table.Td>
              <Table.Td>{side === 'received' ? r.from.name : r.to.name}</Table.Td>
              <Table.Td>{serviceName(r.serviceCode, r.serviceName)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <UrgencyBadge urgency={r.urgency} />
              </Table.Td>
              <Table.Td>{formatDateTime(r.sentAt, i18n.language)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <ReferralStatusBadge referral={r} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ReferralSection({
  facilityId,
  side,
  scope,
}: {
  facilityId: string;
  side: 'received' | 'sent';
  scope: 'open' | 'all';
}) {
  const { t } = useTranslation();
  const list = useReferralList(facilityId, side, scope);
  return (
    <Card withBorder component="section" aria-label={t(`referrals.${side}Title`)}>
      <Title order={2} size="h4" mb="xs">
        {t(`referrals.${side}Title`)}
      </Title>
      <QueryState query={list}>{(data) => <ReferralTable items={data.items} side={side} />}</QueryState>
    </Card>
  );
}

/**
 * The facility's referrals: a post sees those it sent ("Mis referencias"); a CDI, SRI, CAT or
 * hospital sees its queue of those it received first.
 */
export function ReferralListPage() {
  const { t } = useTranslation();
  const facilityId = useMyPostId();
  if (!facilityId) return <Text>{t('census.noPost')}</Text>;
  return <FacilityReferrals facilityId={facilityId} />;
}

function FacilityReferrals({ facilityId }: { facilityId: string }) {
  const { t } = useTranslation();
  const facility = useFacility(facilityId);
  const [scope, setScope] = useState<'open' | 'all'>('open');
  const receives = facility.data ? facility.data.tier > 1 : false;
  return (
    <Stack gap="md">
      <PageHeader
        title={receives ? t('referrals.queueTitle') : t('referrals.myTitle')}
        subtitle={facility.data?.name}
        actions={
          <Group>
            <SegmentedControl
              value={scope}
              onChange={(value) => setScope(value as 'open' | 'all')}
              data={[
                { value: 'open', label: t('referrals.scopeOpen') },
                { value: 'all', label: t('referrals.scopeAll') },
              ]}
            />
          </Group>
        }
      />
      {receives && <ReferralSection facilityId={facilityId} side="received" scope={scope} />}
      <ReferralSection facilityId={facilityId} side="sent" scope={scope} />
    </Stack>
  );
}
