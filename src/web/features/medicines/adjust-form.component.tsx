import { Button, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ADJUSTMENT_REASONS, type AdjustmentReason } from '../../../modules/medicines/stock.rules';
import { formatDate } from '../../ui/format';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { medicineName, useAdjust, useStock } from './medicines.resource';

/** Writes off units (expired, damaged, lost) or adds back found ones, always with the coded reason. */
export function AdjustForm({ facilityId, onDone }: { facilityId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const stock = useStock(facilityId);
  const adjust = useAdjust();
  const form = useForm({
    initialValues: { lotId: '', reason: 'expired' as AdjustmentReason, quantity: '' as number | string, note: '' },
    validate: {
      lotId: (v) => (v ? null : t('medicines.required')),
      quantity: (v) => (typeof v === 'number' && v >= 1 ? null : t('medicines.positiveQuantity')),
    },
  });
  const lots = (stock.data?.items ?? []).flatMap((item) =>
    item.lots.map((l) => ({
      value: l.id,
      label: `${medicineName(item.medicine, i18n.language)} · ${l.lot} · ${formatDate(l.expiresOn, i18n.language)} · ${l.onHand}${l.expired ? ` · ${t('medicines.expired')}` : ''}`,
    })),
  );
  const submit = form.onSubmit(
    (values) =>
      adjust.mutate(
        { ...values, quantity: Number(values.quantity), note: values.note || null },
        {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('medicines.adjusted') });
            onDone();
          },
          onError: (error) => showServerErrors(error, form, Object.keys(values), t),
        },
      ),
    focusFirstInvalidField,
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={760}>
        <Text size="sm" c="dimmed">
          {t('medicines.adjustHelp')}
        </Text>
        <SegmentedControl
          aria-label={t('medicines.reason')}
          data={ADJUSTMENT_REASONS.map((r) => ({ value: r, label: t(`medicines.adjustmentReasons.${r}`) }))}
          {...form.getInputProps('reason')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <Select label={t('medicines.lot')} searchable data={lots} withAsterisk {...form.getInputProps('lotId')} />
          <NumberInput
            label={t('medicines.quantity')}
            min={1}
            allowDecimal={false}
            withAsterisk
            {...form.getInputProps('quantity')}
          />
        </SimpleGrid>
        <TextInput label={t('medicines.note')} {...form.getInputProps('note')} />
        <div>
          <Button type="submit" loading={adjust.isPending} color={form.values.reason === 'found' ? undefined : 'red'}>
            {t('medicines.saveAdjustment')}
          </Button>
        </div>
      </Stack>
    </form>
  );
}
