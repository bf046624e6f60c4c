import { Box, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format';
import { FACILITY_STATUSES, TIERS, tierNumeral } from '../facilities/facility-labels';
import { STATUS_COLORS } from '../facilities/facility-status-badge.component';
import type { FacilityCounts } from './territory.resource';

/** A number in a counts table; zeros are faint so that the cells holding facilities stand out. */
export function Count({ value, strong }: { value: number | undefined; strong?: boolean }) {
  const { i18n } = useTranslation();
  return (
    <Text
      span
      size="sm"
      fw={strong ? 700 : undefined}
      c={value ? undefined : 'dimmed'}
      style={{ fontVariantNumeric: 'tabular-nums' }}
    >
      {formatNumber(value ?? 0, i18n.language)}
    </Text>
  );
}

/** The tier numerals under one "Tier" heading: short enough for a phone. */
export function TierHeadings() {
  const { t } = useTranslation();
  return TIERS.map((tier) => (
    <Table.Th
      key={tier}
      scope="col"
      ta="right"
      title={t('tier.long', { numeral: tierNumeral(tier), name: t(`tier.${tier}`) })}
    >
      {tierNumeral(tier)}
    </Table.Th>
  ));
}

/** A territory's facilities counted by lifecycle status (rows) and tier (columns). */
export function FacilityCountsTable({ counts, caption }: { counts: FacilityCounts; caption: string }) {
  const { t } = useTranslation();
  const cell = (tier: number, status: string) =>
    counts.byTierAndStatus.find((c) => c.tier === tier && c.status === status)?.count ?? 0;
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table
        striped
        withTableBorder
        highlightOnHover
        horizontalSpacing="xs"
        verticalSpacing={6}
        captionSide="top"
        data-testid="facility-counts"
      >
        <Table.Caption style={{ textAlign: 'left' }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" rowSpan={2} style={{ verticalAlign: 'bottom' }}>
              {t('counts.status')}
            </Table.Th>
            <Table.Th scope="colgroup" colSpan={TIERS.length} ta="center">
              {t('counts.tier')}
            </Table.Th>
            <Table.Th scope="col" rowSpan={2} ta="right" style={{ verticalAlign: 'bottom' }}>
              {t('counts.total')}
            </Table.Th>
          </Table.Tr>
          <Table.Tr>
            <TierHeadings />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {FACILITY_STATUSES.map((status) => (
            <Table.Tr key={status} data-status={status}>
              <Table.Th scope="row" fw={500}>
                <Group gap={8} wrap="nowrap">
                  <Box
                    w={10}
                    h={10}
                    style={{
                      borderRadius: '50%',
                      flex: 'none',
                      background: `var(--mantine-color-${STATUS_COLORS[status]}-6)`,
                    }}
                    aria-hidden
                  />
                  {t(`status.${status}`)}
                </Group>
              </Table.Th>
              {TIERS.map((tier) => (
                <Table.Td key={tier} ta="right">
                  <Count value={cell(tier, status)} />
                </Table.Td>
              ))}
              <Table.Td ta="right">
                <Count value={counts.byStatus[status]} strong />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr data-status="total">
            <Table.Th scope="row">{t('counts.total')}</Table.Th>
            {TIERS.map((tier) => (
              <Table.Td key={tier} ta="right">
                <Count value={counts.byTier[String(tier)]} strong />
              </Table.Td>
            ))}
            <Table.Td ta="right">
              <Count value={counts.total} strong />
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
