import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../ui/query-state.component';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { useServiceName } from '../facilities/service-names';
import { useExamDestinations, useOrderExam, type ExamDestination } from './exams.resource';

function OrderForm({ personId, places, onDone }: { personId: string; places: ExamDestination[]; onDone: () => void }) {
  const { t } = useTranslation();
  const serviceName = useServiceName();
  const order = useOrderExam(personId);
  const form = useForm({
    initialValues: { facilityId: places[0]?.id ?? '', examCode: '', indication: '' },
    validate: {
      facilityId: (v) => (v ? null : t('exams.placeRequired')),
      examCode: (v) => (v ? null : t('cdi.examRequired')),
      indication: (v) => (v.trim() ? null : t('cdi.indicationRequired')),
    },
  });
  const place = places.find((p) => p.id === form.values.facilityId);
  const submit = form.onSubmit(
    (values) =>
      order.mutate(values, {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('exams.ordered', { place: place?.name ?? '' }) });
          onDone();
        },
        onError: (error) => showServerErrors(error, form, Object.keys(values), t),
      }),
    focusFirstInvalidField,
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('exams.order')}>
      <Stack gap="xs">
        <Select
          label={t('exams.place')}
          allowDeselect={false}
          data={places.map((p) => ({ value: p.id, label: p.name }))}
          value={form.values.facilityId || null}
          onChange={(id) => form.setValues({ facilityId: id ?? '', examCode: '' })}
          error={form.errors.facilityId}
        />
        <Select
          label={t('cdi.exam')}
          searchable
          allowDeselect={false}
          data={(place?.examCodes ?? [])
            .map((code) => ({ value: code, label: serviceName(code) }))
            .sort((a, b) => a.label.localeCompare(b.label))}
          value={form.values.examCode || null}
          onChange={(code) => form.setFieldValue('examCode', code ?? '')}
          error={form.errors.examCode}
        />
        <TextInput label={t('cdi.indication')} {...form.getInputProps('indication')} />
        <Group justify="flex-end" gap="xs">
          <Button variant="subtle" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={order.isPending}>
            {t('cdi.orderExam')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A family doctor sends the patient for an exam at the ASIC's CDI or a CAT of the state. */
export function ExamOrderFromPost({ personId, onDone }: { personId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const destinations = useExamDestinations(personId);
  return (
    <QueryState query={destinations}>
      {(data) =>
        data.items.length === 0 ? (
          <>{t('exams.noPlaces')}</>
        ) : (
          <OrderForm personId={personId} places={data.items} onDone={onDone} />
        )
      }
    </QueryState>
  );
}
