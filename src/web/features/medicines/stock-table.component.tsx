import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../ui/format';
import { QueryState } from '../../ui/query-state.component';
import { normalizeSearch } from './medicines-labels';
import { medicineName, useStock, type Stock } from './medicines.resource';

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Card withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

/** What is on the shelf, by medicine, lot and expiry, with the figures of the day. */
export function StockTable({ facilityId }: { facilityId: string }) {
  const { t } = useTranslation();
  const stock = useStock(facilityId);
  if (!facilityId) return <Text c="dimmed">{t('medicines.noFacility')}</Text>;
  return <QueryState query={stock}>{(data) => <StockView stock={data} />}</QueryState>;
}

function StockView({ stock }: { stock: Stock }) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState('');
  const lang = i18n.language;
  const wanted = normalizeSearch(filter);
  const items = stock.items.filter(
    (i) => !wanted || normalizeSearch(`${i.medicine.nameEs} ${i.medicine.nameEn} ${i.medicine.code}`).includes(wanted),
  );
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
        <Figure
          label={t('medicines.figures.inStock')}
          value={`${formatNumber(stock.figures.inStockPercent, lang)} %`}
          testId="figure-in-stock"
        />
        <Figure
          label={t('medicines.figures.items')}
          value={`${stock.figures.itemsInStock} / ${stock.figures.moduleItems}`}
        />
        <Figure label={t('medicines.figures.heldButOut')} value={String(stock.figures.itemsHeldButOut)} />
        <Figure label={t('medicines.figures.expiringSoon')} value={String(stock.figures.lotsExpiringSoon)} />
      </SimpleGrid>
      <TextInput
        label={t('medicines.searchMedicine')}
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
        maw={360}
      />
      {items.length === 0 ? (
        <Text c="dimmed">{t('medicines.emptyStock')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing={6} aria-label={t('medicines.views.stock')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('medicines.medicine')}</Table.Th>
                <Table.Th ta="right">{t('medicines.onHand')}</Table.Th>
                <Table.Th ta="right">{t('medicines.monthsOfStock')}</Table.Th>
                <Table.Th>{t('medicines.lots')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.medicine.code} data-testid={`stock-${item.medicine.code}`}>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {medicineName(item.medicine, lang)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {item.medicine.code} · {item.medicine.atc} ·{' '}
                      {t(`medicines.forms.${item.medicine.form}`, item.medicine.form)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {item.onHand > 0 ? (
                      <Text fw={700} data-testid="on-hand">
                        {formatNumber(item.onHand, lang)}
                      </Text>
                    ) : (
                      <Badge color="red" data-testid="on-hand">
                        {t('medicines.outOfStock')}
                      </Badge>
                    )}
                    {item.expiredOnHand > 0 && (
                      <Text size="xs" c="red">
                        {t('medicines.expiredUnits', { count: item.expiredOnHand })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {item.monthsOfStock === null ? '—' : formatNumber(item.monthsOfStock, lang)}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {item.lots.map((lot) => (
                        <Group key={lot.id} gap={6} wrap="nowrap">
                          <Text size="sm" ff="monospace">
                            {lot.lot}
                          </Text>
                          <Text size="sm" c="dimmed">
                            {t('medicines.expires', { date: formatDate(lot.expiresOn, lang) })}
                          </Text>
                          <Text size="sm" fw={600}>
                            {formatNumber(lot.onHand, lang)}
                          </Text>
                          {lot.expired && (
                            <Badge color="red" size="xs">
                              {t('medicines.expired')}
                            </Badge>
                          )}
                          {lot.expiresSoon && (
                            <Badge color="yellow" size="xs">
                              {t('medicines.expiresSoon')}
                            </Badge>
                          )}
                        </Group>
                      ))}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
