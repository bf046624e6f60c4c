import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { TRANSFER_LOSS_REASONS } from '../../../modules/medicines/stock.rules';
import { formatDate, formatDayOf } from '../../ui/format';
import { QueryState } from '../../ui/query-state.component';
import { focusFirstInvalidField, notifyError, showServerErrors } from '../../ui/server-errors';
import { FacilitySelect } from '../facilities/facility-select.component';
import {
  medicineName,
  useSendTransfer,
  useSettleTransfer,
  useStock,
  useTransfers,
  type Transfer,
} from './medicines.resource';

/** Sends stock to another facility, and lists what travels from and to this one. */
export function TransferPanel({ facilityId }: { facilityId: string }) {
  const { t, i18n } = useTranslation();
  const stock = useStock(facilityId);
  const send = useSendTransfer();
  const form = useForm({
    initialValues: { toFacilityId: '', lotId: '', quantity: '' as number | string, documentNumber: '' },
    validate: {
      toFacilityId: (v) => (v ? null : t('medicines.required')),
      lotId: (v) => (v ? null : t('medicines.required')),
      quantity: (v) => (typeof v === 'number' && v >= 1 ? null : t('medicines.positiveQuantity')),
      documentNumber: (v) => (v.trim() ? null : t('medicines.required')),
    },
  });
  const lots = (stock.data?.items ?? []).flatMap((item) =>
    item.lots
      .filter((l) => !l.expired)
      .map((l) => ({
        value: l.id,
        label: `${medicineName(item.medicine, i18n.language)} · ${l.lot} · ${formatDate(l.expiresOn, i18n.language)} · ${l.onHand}`,
      })),
  );
  const submit = form.onSubmit(
    (values) =>
      send.mutate(
        { fromFacilityId: facilityId, ...values, quantity: Number(values.quantity) },
        {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('medicines.transferSent') });
            form.reset();
          },
          onError: (error) => showServerErrors(error, form, Object.keys(values), t),
        },
      ),
    focusFirstInvalidField,
  );
  return (
    <Stack gap="lg" maw={960}>
      <form onSubmit={submit} noValidate>
        <Card withBorder p="sm">
          <Title order={2} size="h4" mb="xs">
            {t('medicines.sendTransfer')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <Select label={t('medicines.lot')} searchable data={lots} withAsterisk {...form.getInputProps('lotId')} />
            <FacilitySelect
              label={t('medicines.destination')}
              value={form.values.toFacilityId || null}
              onChange={(id) => form.setFieldValue('toFacilityId', id ?? '')}
              error={form.errors.toFacilityId as string | undefined}
            />
            <NumberInput
              label={t('medicines.quantity')}
              min={1}
              allowDecimal={false}
              withAsterisk
              {...form.getInputProps('quantity')}
            />
            <TextInput label={t('medicines.documentNumber')} withAsterisk {...form.getInputProps('documentNumber')} />
          </SimpleGrid>
          <Button type="submit" mt="sm" loading={send.isPending}>
            {t('medicines.send')}
          </Button>
        </Card>
      </form>
      <TransferList facilityId={facilityId} />
    </Stack>
  );
}

function TransferList({ facilityId }: { facilityId: string }) {
  const { t, i18n } = useTranslation();
  const transfers = useTransfers(facilityId);
  const settle = useSettleTransfer();
  const act = (transfer: Transfer, lost: string | null) =>
    settle.mutate({ id: transfer.id, lost }, { onError: (error) => notifyError(error, t) });
  return (
    <QueryState query={transfers}>
      {(data) =>
        data.transfers.length === 0 ? (
          <Text c="dimmed">{t('medicines.noTransfers')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-label={t('medicines.transfers')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('medicines.sentOn')}</Table.Th>
                  <Table.Th>{t('medicines.fromTo')}</Table.Th>
                  <Table.Th>{t('medicines.medicine')}</Table.Th>
                  <Table.Th ta="right">{t('medicines.quantity')}</Table.Th>
                  <Table.Th>{t('medicines.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.transfers.map((tr) => (
                  <Table.Tr key={tr.id}>
                    <Table.Td>{formatDayOf(tr.sentAt, i18n.language)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{tr.fromName}</Text>
                      <Text size="xs" c="dimmed">
                        → {tr.toName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{tr.medicineName}</Text>
                      <Text size="xs" c="dimmed">
                        {tr.lot} · {tr.documentNumber}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{tr.quantity}</Table.Td>
                    <Table.Td>
                      <Badge color={tr.status === 'received' ? 'teal' : tr.status === 'lost' ? 'red' : 'yellow'}>
                        {t(`medicines.transferStatus.${tr.status}`)}
                      </Badge>
                      {tr.lostReason && (
                        <Text size="xs" c="dimmed">
                          {t(`medicines.lossReasons.${tr.lostReason}`)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {tr.status === 'in_transit' && (
                        <Group gap={4} wrap="nowrap">
                          {tr.toFacilityId === facilityId && (
                            <Button size="compact-xs" onClick={() => act(tr, null)}>
                              {t('medicines.takeIn')}
                            </Button>
                          )}
                          <Select
                            size="xs"
                            w={170}
                            aria-label={t('medicines.reportLost')}
                            placeholder={t('medicines.reportLost')}
                            data={TRANSFER_LOSS_REASONS.map((r) => ({
                              value: r,
                              label: t(`medicines.lossReasons.${r}`),
                            }))}
                            onChange={(reason) => reason && act(tr, reason)}
                          />
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      }
    </QueryState>
  );
}
