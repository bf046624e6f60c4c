import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../ui/format';
import { RouterButton } from '../../ui/link-components';
import { PageHeader } from '../../ui/page-header.component';
import { QueryState } from '../../ui/query-state.component';
import { TerritoryBreadcrumbs } from '../network/territory-breadcrumbs.component';
import { serviceName, tierNumeral } from './facility-labels';
import { FacilityStatusBadge } from './facility-status-badge.component';
import { FacilityStatusHistory } from './facility-status-history.component';
import { useFacility, type FacilityDetail } from './facility.resource';

/** One facility: what and where it is, what it offers, its beds and its life so far. */
export function FacilityPage({ facilityId }: { facilityId: string }) {
  const facility = useFacility(facilityId);
  return <QueryState query={facility}>{(detail) => <FacilityView facility={detail} />}</QueryState>;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '';
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" c={empty ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }}>
        {empty ? t('common.none') : children}
      </Text>
    </div>
  );
}

function lineageOf(facility: FacilityDetail) {
  return [
    { code: 'VE', name: 'Venezuela', level: 'nation' as const },
    { code: facility.stateCode, name: facility.stateName, level: 'state' as const },
    { code: facility.municipalityCode, name: facility.municipalityName, level: 'municipality' as const },
    { code: facility.parishCode, name: facility.parishName, level: 'parish' as const },
    // The facility itself closes the trail; it is not a territory, so it is never a link.
    { code: facility.id, name: facility.name, level: 'parish' as const },
  ];
}

function FacilityView({ facility }: { facility: FacilityDetail }) {
  const { t, i18n } = useTranslation();
  const number = (value: number | null) => (value === null ? null : formatNumber(value, i18n.language));
  const services = [...facility.services].sort((a, b) =>
    serviceName(a, i18n.language).localeCompare(serviceName(b, i18n.language), i18n.language),
  );
  const canChangeStatus = facility.canManage && facility.allowedNextStatuses.length > 0;

  return (
    <Stack gap="lg">
      <PageHeader
        above={<TerritoryBreadcrumbs lineage={lineageOf(facility)} />}
        title={facility.name}
        subtitle={`${facility.code} · ${t(`kind.${facility.kind}`)} · ${t('tier.long', { numeral: tierNumeral(facility.tier), name: t(`tier.${facility.tier}`) })}`}
        actions={
          canChangeStatus && (
            <RouterButton to="/facilities/$facilityId/status" params={{ facilityId: facility.id }}>
              {t('facility.changeStatus')}
            </RouterButton>
          )
        }
      />
      <Group gap="xs">
        <FacilityStatusBadge status={facility.status} size="lg" />
        <Text size="sm" c="dimmed">
          {t('facility.since', { date: formatDate(facility.statusSince, i18n.language) })}
        </Text>
      </Group>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder p={{ base: 'sm', sm: 'md' }}>
          <Title order={2} size="h4" mb="sm">
            {t('facility.details')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
            <Field label={t('facility.code')}>{facility.code}</Field>
            <Field label={t('facility.kind')}>{t(`kind.${facility.kind}`)}</Field>
            <Field label={t('facility.parish')}>{facility.parishName}</Field>
            <Field label={t('facility.municipalityAndState')}>
              {facility.municipalityName}, {facility.stateName}
            </Field>
            <Field label={t('facility.sector')}>{facility.sectorName}</Field>
            <Field label={t('facility.asic')}>{facility.asicName}</Field>
            <Field label={t('facility.address')}>{facility.address}</Field>
            <Field label={t('facility.phone')}>{facility.phone}</Field>
          </SimpleGrid>
        </Card>
        <Stack gap="md">
          <Card withBorder p={{ base: 'sm', sm: 'md' }}>
            <Title order={2} size="h4" mb="sm">
              {t('facility.capacity')}
            </Title>
            <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
              <Field label={t('facility.bedsWard')}>{number(facility.bedsWard)}</Field>
              <Field label={t('facility.bedsIcu')}>{number(facility.bedsIcu)}</Field>
              <Field label={t('facility.targetFamilies')}>{number(facility.targetFamilies)}</Field>
              <Field label={t('facility.targetPopulation')}>{number(facility.targetPopulation)}</Field>
            </SimpleGrid>
          </Card>
          <Card withBorder p={{ base: 'sm', sm: 'md' }}>
            <Title order={2} size="h4" mb="sm">
              {t('facility.services')}{' '}
              <Text span c="dimmed" size="sm">
                ({services.length})
              </Text>
            </Title>
            {services.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('facility.noServices')}
              </Text>
            ) : (
              <Group gap={6} data-testid="facility-services">
                {services.map((service) => (
                  <Badge
                    key={service.code}
                    variant="default"
                    tt="none"
                    fw={500}
                    size="lg"
                    radius="sm"
                    style={{ maxWidth: '100%' }}
                  >
                    {serviceName(service, i18n.language)}
                  </Badge>
                ))}
              </Group>
            )}
          </Card>
        </Stack>
      </SimpleGrid>

      <Card withBorder p={{ base: 'sm', sm: 'md' }}>
        <Title order={2} size="h4" mb="md">
          {t('facility.history')}
        </Title>
        <FacilityStatusHistory history={facility.statusHistory} />
      </Card>
    </Stack>
  );
}
