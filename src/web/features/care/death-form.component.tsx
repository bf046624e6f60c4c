import { Button, Card, Group, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { todayInCaracas } from '../../ui/format';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { useRecordDeath } from './care.resource';
import { Icd10Search } from './icd10-search.component';

const PLACES = ['home', 'health_facility', 'in_transit', 'public_place', 'other'] as const;

/** Records a death: date, place and the underlying cause in CIE-10. */
export function DeathForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordDeath(personId);
  const form = useForm({
    initialValues: {
      diedOn: todayInCaracas(),
      place: 'home' as (typeof PLACES)[number],
      causeIcd10: '',
      causeTitle: '',
    },
    validate: { causeIcd10: (value) => (value ? null : t('death.causeRequired')) },
  });
  const submit = form.onSubmit(
    ({ causeTitle: _title, ...values }) =>
      record.mutate(values, {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('death.saved') });
          onDone();
        },
        onError: (error) => showServerErrors(error, form, Object.keys(values), t),
      }),
    focusFirstInvalidField,
  );
  return (
    <form onSubmit={submit} noValidate>
      <Card withBorder p="sm" bg="gray.1">
        <Text fw={600} size="sm" mb="xs">
          {t('death.title')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <TextInput type="date" label={t('death.diedOn')} max={todayInCaracas()} {...form.getInputProps('diedOn')} />
          <Select
            label={t('death.place')}
            allowDeselect={false}
            data={PLACES.map((p) => ({ value: p, label: t(`death.places.${p}`) }))}
            {...form.getInputProps('place')}
          />
          <Icd10Search
            label={t('death.cause')}
            error={form.errors.causeIcd10 as string | undefined}
            onPick={(entry) => form.setValues({ causeIcd10: entry.code, causeTitle: `${entry.code} · ${entry.title}` })}
          />
        </SimpleGrid>
        {form.values.causeTitle && (
          <Text size="sm" mt={4}>
            {form.values.causeTitle}
          </Text>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="dark" loading={record.isPending}>
            {t('death.submit')}
          </Button>
        </Group>
      </Card>
    </form>
  );
}
