import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { todayInCaracas } from '../../ui/format';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { medicineName, useCatalog, useReceive } from './medicines.resource';

interface Line {
  medicineCode: string;
  lot: string;
  expiresOn: string;
  quantity: number | string;
}
const emptyLine = (): Line => ({ medicineCode: '', lot: '', expiresOn: '', quantity: '' });

/** A delivery from a supplier or warehouse: what came, in which lots, expiring when. */
export function ReceiveForm({ facilityId, onDone }: { facilityId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const catalog = useCatalog();
  const receive = useReceive();
  const form = useForm({
    initialValues: {
      sourceKind: 'warehouse' as 'warehouse' | 'supplier',
      sourceName: '',
      documentNumber: '',
      receivedOn: todayInCaracas(),
      lines: [emptyLine()],
    },
    validate: {
      sourceName: (v) => (v.trim() ? null : t('medicines.required')),
      documentNumber: (v) => (v.trim() ? null : t('medicines.required')),
      lines: {
        medicineCode: (v) => (v ? null : t('medicines.required')),
        lot: (v) => (v.trim() ? null : t('medicines.required')),
        expiresOn: (v) => (v ? null : t('medicines.required')),
        quantity: (v) => (typeof v === 'number' && v >= 1 ? null : t('medicines.positiveQuantity')),
      },
    },
  });
  const options = (catalog.data?.items ?? []).map((m) => ({
    value: m.code,
    label: `${medicineName(m, i18n.language)} · ${t(`medicines.forms.${m.form}`, m.form)}`,
  }));
  const fields = ['facilityId', 'sourceName', 'documentNumber', 'receivedOn', 'sourceKind'];
  const lineFields = form.values.lines.flatMap((_, i) =>
    ['medicineCode', 'lot', 'expiresOn', 'quantity'].map((f) => `lines.${i}.${f}`),
  );

  const submit = form.onSubmit(
    (values) =>
      receive.mutate(
        { facilityId, ...values, lines: values.lines.map((l) => ({ ...l, quantity: Number(l.quantity) })) },
        {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('medicines.received') });
            onDone();
          },
          onError: (error) =>
            showServerErrors(error, form, [...fields, ...lineFields], t, { facilityId: 'sourceName' }),
        },
      ),
    focusFirstInvalidField,
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={860}>
        <SegmentedControl
          aria-label={t('medicines.sourceKind')}
          data={[
            { value: 'warehouse', label: t('medicines.sourceKinds.warehouse') },
            { value: 'supplier', label: t('medicines.sourceKinds.supplier') },
          ]}
          {...form.getInputProps('sourceKind')}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <TextInput label={t('medicines.sourceName')} withAsterisk {...form.getInputProps('sourceName')} />
          <TextInput label={t('medicines.documentNumber')} withAsterisk {...form.getInputProps('documentNumber')} />
          <TextInput type="date" label={t('medicines.receivedOn')} withAsterisk {...form.getInputProps('receivedOn')} />
        </SimpleGrid>
        {form.values.lines.map((_, index) => (
          <Card withBorder p="sm" key={index} data-testid={`receipt-line-${index}`}>
            <Group justify="space-between" mb={4}>
              <Text fw={600} size="sm">
                {t('medicines.line', { number: index + 1 })}
              </Text>
              {form.values.lines.length > 1 && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('medicines.removeLine', { number: index + 1 })}
                  onClick={() => form.removeListItem('lines', index)}
                >
                  ×
                </ActionIcon>
              )}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="xs">
              <Select
                label={t('medicines.medicine')}
                searchable
                data={options}
                withAsterisk
                {...form.getInputProps(`lines.${index}.medicineCode`)}
              />
              <TextInput label={t('medicines.lot')} withAsterisk {...form.getInputProps(`lines.${index}.lot`)} />
              <TextInput
                type="date"
                label={t('medicines.expiresOn')}
                withAsterisk
                {...form.getInputProps(`lines.${index}.expiresOn`)}
              />
              <NumberInput
                label={t('medicines.quantity')}
                min={1}
                allowDecimal={false}
                withAsterisk
                {...form.getInputProps(`lines.${index}.quantity`)}
              />
            </SimpleGrid>
          </Card>
        ))}
        <Group>
          <Button variant="light" onClick={() => form.insertListItem('lines', emptyLine())}>
            {t('medicines.addLine')}
          </Button>
          <Button type="submit" loading={receive.isPending}>
            {t('medicines.receive')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
