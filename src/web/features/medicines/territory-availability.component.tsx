import { Badge, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format';
import { RouterAnchor } from '../../ui/link-components';
import { QueryState } from '../../ui/query-state.component';
import { useMe } from '../auth/session.resource';
import { useTerritoryFigures } from './medicines.resource';

/** Availability and stock-outs across the coordinator's territory, facility by facility. */
export function TerritoryAvailability() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const territory = me.roles.find((r) => !r.facilityId)?.territoryCode ?? '';
  const [days, setDays] = useState('30');
  const figures = useTerritoryFigures({ territory, days: Number(days) });
  const lang = i18n.language;
  return (
    <Stack gap="sm">
      <Group>
        <SegmentedControl
          aria-label={t('medicines.period')}
          value={days}
          onChange={setDays}
          data={['30', '90', '365'].map((d) => ({ value: d, label: t('medicines.lastDays', { count: Number(d) }) }))}
        />
      </Group>
      <QueryState query={figures}>
        {(data) => (
          <Stack gap="md">
            <Table.ScrollContainer minWidth={980}>
              <Table striped verticalSpacing={4} aria-label={t('medicines.views.territory')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('medicines.facility')}</Table.Th>
                    <Table.Th ta="right">{t('medicines.figures.inStock')}</Table.Th>
                    <Table.Th ta="right">{t('medicines.figures.heldButOut')}</Table.Th>
                    <Table.Th ta="right">{t('medicines.stockOutDays')}</Table.Th>
                    <Table.Th ta="right">{t('medicines.monthsOfStock')}</Table.Th>
                    <Table.Th ta="right">{t('medicines.figures.expiringSoon')}</Table.Th>
                    <Table.Th ta="right">{t('medicines.prescribed')}</Table.Th>
                    <Table.Th ta="right">{t('medicines.dispensedFull')}</Table.Th>
                    <Table.Th ta="right">{t('medicines.partial')}</Table.Th>
                    <Table.Th ta="right">{t('medicines.declined')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.facilities.map((f) => (
                    <Table.Tr key={f.facilityId}>
                      <Table.Td>
                        <RouterAnchor
                          to="/medicines/$view"
                          params={{ view: 'stock' }}
                          search={{ facilityId: f.facilityId }}
                          size="sm"
                          fw={600}
                        >
                          {f.name}
                        </RouterAnchor>
                        <Text size="xs" c="dimmed">
                          {t(`kind.${f.kind}`)}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{formatNumber(f.inStockPercent, lang)} %</Table.Td>
                      <Table.Td ta="right">
                        {f.itemsHeld - f.itemsInStock > 0 ? (
                          <Badge color="red">{f.itemsHeld - f.itemsInStock}</Badge>
                        ) : (
                          0
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{f.stockOutDays}</Table.Td>
                      <Table.Td ta="right">
                        {f.medianMonthsOfStock === null ? '—' : formatNumber(f.medianMonthsOfStock, lang)}
                      </Table.Td>
                      <Table.Td ta="right">{f.lotsExpiringSoon}</Table.Td>
                      <Table.Td ta="right">{f.prescribed}</Table.Td>
                      <Table.Td ta="right">{f.dispensed}</Table.Td>
                      <Table.Td ta="right">{f.partial}</Table.Td>
                      <Table.Td ta="right">{f.declined}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr fw={700} data-testid="territory-totals">
                    <Table.Td>{t('medicines.territoryTotal', { count: data.totals.facilities })}</Table.Td>
                    <Table.Td ta="right" colSpan={2}>
                      {t('medicines.heldInStock', { share: formatNumber(data.totals.itemsInStockShare, lang) })}
                    </Table.Td>
                    <Table.Td ta="right">{data.totals.stockOutDays}</Table.Td>
                    <Table.Td />
                    <Table.Td ta="right">{data.totals.lotsExpiringSoon}</Table.Td>
                    <Table.Td ta="right">{data.totals.prescribed}</Table.Td>
                    <Table.Td ta="right">{data.totals.dispensed}</Table.Td>
                    <Table.Td ta="right">{data.totals.partial}</Table.Td>
                    <Table.Td ta="right">{data.totals.declined}</Table.Td>
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </Table.ScrollContainer>
            <Title order={2} size="h4">
              {t('medicines.outOfStockTitle')}
            </Title>
            {data.outOfStock.length === 0 ? (
              <Text c="dimmed">{t('medicines.noStockOuts')}</Text>
            ) : (
              <Group gap={6}>
                {data.outOfStock.map((o) => (
                  <Badge key={o.code} color="red" variant="light" size="lg">
                    {o.label} · {t('medicines.inFacilities', { count: o.facilities })}
                  </Badge>
                ))}
              </Group>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
