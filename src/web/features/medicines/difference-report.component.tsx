import { Card, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../modules/care/calendar';
import { formatDate } from '../../ui/format';
import { QueryState } from '../../ui/query-state.component';
import { todayInCaracas } from '../../ui/format';
import { useMe } from '../auth/session.resource';
import { useDifferences } from './medicines.resource';

/**
 * Every count difference and adjustment of a period, with its reason, who recorded and who
 * approved it: what an auditor reads. A keeper sees their facility; a coordinator, their territory.
 */
export function DifferenceReportView({ facilityId }: { facilityId: string | undefined }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const territory = me.roles.find((r) => !r.facilityId)?.territoryCode;
  const today = todayInCaracas();
  const [from, setFrom] = useState(addDays(today, -90));
  const [to, setTo] = useState(today);
  const report = useDifferences(facilityId ? { facilityId, from, to } : { territory: territory ?? 'VE', from, to });
  const reasonLabel = (kind: string, reason: string | null) =>
    reason ? t(kind === 'count' ? `medicines.countReasons.${reason}` : `medicines.adjustmentReasons.${reason}`) : '—';
  return (
    <Stack gap="sm">
      <Group gap="sm">
        <TextInput
          type="date"
          label={t('medicines.from')}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput type="date" label={t('medicines.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      <QueryState query={report}>
        {(data) => (
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 3 }} spacing="xs" maw={600}>
              <Card withBorder p="xs">
                <Text size="xs" c="dimmed">
                  {t('medicines.differenceLines')}
                </Text>
                <Text fw={700} size="lg" data-testid="difference-lines">
                  {data.totals.lines}
                </Text>
              </Card>
              <Card withBorder p="xs">
                <Text size="xs" c="dimmed">
                  {t('medicines.unitsMissing')}
                </Text>
                <Text fw={700} size="lg" c="red">
                  {data.totals.unitsMissing}
                </Text>
              </Card>
              <Card withBorder p="xs">
                <Text size="xs" c="dimmed">
                  {t('medicines.unitsFound')}
                </Text>
                <Text fw={700} size="lg" c="teal">
                  {data.totals.unitsFound}
                </Text>
              </Card>
            </SimpleGrid>
            {data.rows.length === 0 ? (
              <Text c="dimmed">{t('medicines.noDifferences')}</Text>
            ) : (
              <Table.ScrollContainer minWidth={980}>
                <Table striped verticalSpacing={4} aria-label={t('medicines.views.differences')}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('medicines.date')}</Table.Th>
                      {!facilityId && <Table.Th>{t('medicines.facility')}</Table.Th>}
                      <Table.Th>{t('medicines.medicine')}</Table.Th>
                      <Table.Th>{t('medicines.kind')}</Table.Th>
                      <Table.Th ta="right">{t('medicines.expected')}</Table.Th>
                      <Table.Th ta="right">{t('medicines.counted')}</Table.Th>
                      <Table.Th ta="right">{t('medicines.difference')}</Table.Th>
                      <Table.Th>{t('medicines.reason')}</Table.Th>
                      <Table.Th>{t('medicines.recordedBy')}</Table.Th>
                      <Table.Th>{t('medicines.approvedBy')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.rows.map((r) => (
                      <Table.Tr key={r.movementId} data-testid="difference-row">
                        <Table.Td>{formatDate(r.occurredOn, i18n.language)}</Table.Td>
                        {!facilityId && <Table.Td>{r.facilityName}</Table.Td>}
                        <Table.Td>
                          <Text size="sm">{r.medicineName}</Text>
                          <Text size="xs" c="dimmed" ff="monospace">
                            {r.lot}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{t(`medicines.kinds.${r.kind}`)}</Text>
                        </Table.Td>
                        <Table.Td ta="right">{r.expected ?? '—'}</Table.Td>
                        <Table.Td ta="right">{r.counted ?? '—'}</Table.Td>
                        <Table.Td ta="right">
                          <Text fw={700} c={r.difference < 0 ? 'red' : 'teal'}>
                            {r.difference > 0 ? `+${r.difference}` : r.difference}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{reasonLabel(r.kind, r.reason)}</Text>
                          {r.note && (
                            <Text size="xs" c="dimmed">
                              {r.note}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{r.recordedBy}</Table.Td>
                        <Table.Td>{r.approvedBy ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
