import { Card, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { RouterAnchor } from '../../ui/link-components';
import { usePhoneLayout } from '../../ui/use-phone-layout';
import { tierNumeral } from './facility-labels';
import { FacilityStatusBadge } from './facility-status-badge.component';
import type { FacilitySummary } from './facility.resource';

/** Facilities one per row: name and code, kind and tier, place, status since when, beds. */
export function FacilityTable({ items, showPlace = true }: { items: FacilitySummary[]; showPlace?: boolean }) {
  const { t, i18n } = useTranslation();
  const phone = usePhoneLayout();
  if (items.length === 0) {
    return (
      <Text c="dimmed" size="sm" py="md" ta="center">
        {t('facilities.empty')}
      </Text>
    );
  }
  if (phone) return <FacilityCards items={items} showPlace={showPlace} />;
  return (
    <Table.ScrollContainer minWidth={showPlace ? 760 : 560}>
      <Table striped highlightOnHover verticalSpacing={6} data-testid="facility-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('facility.name')}</Table.Th>
            <Table.Th scope="col">{t('facility.kind')}</Table.Th>
            {showPlace && <Table.Th scope="col">{t('facility.place')}</Table.Th>}
            <Table.Th scope="col">{t('facility.status')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('facility.beds')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((facility) => (
            <Table.Tr key={facility.id}>
              <Table.Td>
                <RouterAnchor to="/facilities/$facilityId" params={{ facilityId: facility.id }} size="sm" fw={500}>
                  {facility.name}
                </RouterAnchor>
                <Text size="xs" c="dimmed" ff="monospace">
                  {facility.code}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t(`kind.${facility.kind}`)}</Text>
                <Text size="xs" c="dimmed">
                  {t('tier.short', { numeral: tierNumeral(facility.tier) })}
                </Text>
              </Table.Td>
              {showPlace && (
                <Table.Td>
                  <Text size="sm">{facility.parishName}</Text>
                  <Text size="xs" c="dimmed">
                    {facility.municipalityName}, {facility.stateName}
                  </Text>
                </Table.Td>
              )}
              <Table.Td>
                <Stack gap={2} align="flex-start">
                  <FacilityStatusBadge status={facility.status} />
                  <Text size="xs" c="dimmed">
                    {t('facility.since', { date: formatDate(facility.statusSince, i18n.language) })}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                <Text size="sm">{facility.bedsWard + facility.bedsIcu}</Text>
                {facility.bedsIcu > 0 && (
                  <Text size="xs" c="dimmed">
                    {t('facility.icuShort', { count: facility.bedsIcu })}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The same facilities as cards, for a phone: everything readable without scrolling sideways. */
function FacilityCards({ items, showPlace }: { items: FacilitySummary[]; showPlace: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs" data-testid="facility-table">
      {items.map((facility) => (
        <Card key={facility.id} withBorder padding="sm">
          <RouterAnchor to="/facilities/$facilityId" params={{ facilityId: facility.id }} size="sm" fw={600}>
            {facility.name}
          </RouterAnchor>
          <Text size="xs" c="dimmed">
            <Text span ff="monospace" size="xs">
              {facility.code}
            </Text>{' '}
            · {t(`kind.${facility.kind}`)} · {t('tier.short', { numeral: tierNumeral(facility.tier) })}
          </Text>
          {showPlace && (
            <Text size="xs" c="dimmed">
              {facility.parishName}, {facility.municipalityName}, {facility.stateName}
            </Text>
          )}
          <Group gap="xs" mt={6}>
            <FacilityStatusBadge status={facility.status} />
            <Text size="xs" c="dimmed">
              {t('facility.since', { date: formatDate(facility.statusSince, i18n.language) })}
            </Text>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
