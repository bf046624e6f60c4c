import { Alert, Button, Group, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COUNT_REASONS } from '../../../modules/medicines/stock.rules';
import { ApiError } from '../../app/api-client';
import { formatDate, todayInCaracas } from '../../ui/format';
import { QueryState } from '../../ui/query-state.component';
import { describeError } from '../../ui/server-errors';
import { medicineName, useApprovers, useRecordCount, useStock, type Stock } from './medicines.resource';

interface Row {
  lotId: string;
  medicine: string;
  lot: string;
  expiresOn: string;
  expected: number;
}

/** A physical count of the shelf: every difference explained with a reason and approved. */
export function CountForm({ facilityId, onDone }: { facilityId: string; onDone: () => void }) {
  const stock = useStock(facilityId);
  return (
    <QueryState query={stock}>
      {(data) => <CountTable key={facilityId} stock={data} facilityId={facilityId} onDone={onDone} />}
    </QueryState>
  );
}

function CountTable({ stock, facilityId, onDone }: { stock: Stock; facilityId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const approvers = useApprovers(facilityId);
  const record = useRecordCount();
  const rows: Row[] = stock.items.flatMap((item) =>
    item.lots.map((l) => ({
      lotId: l.id,
      medicine: medicineName(item.medicine, i18n.language),
      lot: l.lot,
      expiresOn: l.expiresOn,
      expected: l.onHand,
    })),
  );
  const [counted, setCounted] = useState<Record<string, number | string>>({});
  const [reasons, setReasons] = useState<Record<string, string | null>>({});
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [approvedBy, setApprovedBy] = useState<string | null>(null);
  const [countedOn, setCountedOn] = useState(todayInCaracas());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);

  const countOf = (row: Row) =>
    counted[row.lotId] === undefined || counted[row.lotId] === '' ? row.expected : Number(counted[row.lotId]);
  const differences = rows.filter((r) => countOf(r) !== r.expected);

  const submit = () => {
    const missing: Record<string, string> = {};
    rows.forEach((r, i) => {
      if (countOf(r) !== r.expected && !reasons[r.lotId])
        missing[`lines.${i}.reason`] = t('medicines.explainDifference');
    });
    if (differences.length > 0 && !approvedBy) missing.approvedBy = t('medicines.approverRequired');
    setErrors(missing);
    setProblem(null);
    if (Object.keys(missing).length > 0) return;
    record.mutate(
      {
        facilityId,
        countedOn,
        approvedBy: differences.length > 0 ? approvedBy : null,
        lines: rows.map((r) => ({
          lotId: r.lotId,
          counted: countOf(r),
          reason: countOf(r) !== r.expected ? (reasons[r.lotId] as (typeof COUNT_REASONS)[number]) : null,
          note: notes[r.lotId] || null,
        })),
      },
      {
        onSuccess: (result) => {
          notifications.show({
            color: 'green',
            message: t('medicines.countSaved', { lots: result.lots, differences: result.differences.length }),
          });
          onDone();
        },
        onError: (error) => {
          const fields = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
          setErrors(Object.fromEntries(fields.map((f) => [f.field, f.message])));
          const { title, detail } = describeError(error, t);
          setProblem(`${title}${detail && detail !== title ? `: ${detail}` : ''}`);
        },
      },
    );
  };

  if (rows.length === 0) return <Text c="dimmed">{t('medicines.emptyStock')}</Text>;
  return (
    <Stack gap="sm" maw={1100}>
      <Text size="sm" c="dimmed">
        {t('medicines.countHelp')}
      </Text>
      <Table.ScrollContainer minWidth={900}>
        <Table striped verticalSpacing={4} aria-label={t('medicines.views.count')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('medicines.medicine')}</Table.Th>
              <Table.Th>{t('medicines.lot')}</Table.Th>
              <Table.Th ta="right">{t('medicines.expected')}</Table.Th>
              <Table.Th>{t('medicines.counted')}</Table.Th>
              <Table.Th ta="right">{t('medicines.difference')}</Table.Th>
              <Table.Th>{t('medicines.reason')}</Table.Th>
              <Table.Th>{t('medicines.note')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => {
              const difference = countOf(row) - row.expected;
              return (
                <Table.Tr key={row.lotId} data-testid={`count-${row.lot}`}>
                  <Table.Td>
                    <Text size="sm">{row.medicine}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                      {row.lot}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDate(row.expiresOn, i18n.language)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{row.expected}</Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={t('medicines.countedFor', { lot: row.lot })}
                      min={0}
                      allowDecimal={false}
                      w={100}
                      value={counted[row.lotId] ?? row.expected}
                      onChange={(v) => setCounted((c) => ({ ...c, [row.lotId]: v }))}
                      error={errors[`lines.${i}.counted`]}
                    />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text fw={700} c={difference < 0 ? 'red' : difference > 0 ? 'teal' : 'dimmed'}>
                      {difference > 0 ? `+${difference}` : difference}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {difference !== 0 && (
                      <Select
                        aria-label={t('medicines.reasonFor', { lot: row.lot })}
                        w={210}
                        data={COUNT_REASONS.map((r) => ({ value: r, label: t(`medicines.countReasons.${r}`) }))}
                        value={reasons[row.lotId] ?? null}
                        onChange={(v) => {
                          setReasons((r) => ({ ...r, [row.lotId]: v }));
                          setErrors(({ [`lines.${i}.reason`]: _cleared, ...rest }) => rest);
                        }}
                        error={errors[`lines.${i}.reason`]}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    {difference !== 0 && (
                      <TextInput
                        aria-label={t('medicines.noteFor', { lot: row.lot })}
                        w={200}
                        value={notes[row.lotId] ?? ''}
                        onChange={(e) => {
                          const value = e.currentTarget.value;
                          setNotes((n) => ({ ...n, [row.lotId]: value }));
                        }}
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group align="flex-end" gap="sm">
        <TextInput
          type="date"
          label={t('medicines.countedOn')}
          value={countedOn}
          onChange={(e) => setCountedOn(e.currentTarget.value)}
        />
        {differences.length > 0 && (
          <Select
            label={t('medicines.approvedBy')}
            w={280}
            withAsterisk
            data={(approvers.data?.approvers ?? []).map((a) => ({ value: a.id, label: a.name }))}
            value={approvedBy}
            onChange={(v) => {
              setApprovedBy(v);
              setErrors(({ approvedBy: _cleared, ...rest }) => rest);
            }}
            error={errors.approvedBy}
          />
        )}
        <Button onClick={submit} loading={record.isPending}>
          {t('medicines.saveCount', { count: differences.length })}
        </Button>
      </Group>
      {problem && (
        <Alert color="red" role="alert">
          {problem}
        </Alert>
      )}
    </Stack>
  );
}
