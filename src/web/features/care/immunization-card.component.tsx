import { Badge, Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { formatDate, todayInCaracas } from '../../ui/format';
import { QueryState } from '../../ui/query-state.component';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { useImmunizations, useRecordDose, type ImmunizationCard } from './care.resource';

/** Upcoming doses named on the card; the rest of a child's schedule is years away. */
const NEXT_SHOWN = 3;

export interface DoseChoice {
  vaccineCode: string;
  doseNumber: number;
}

/** Records a dose given today by default; vaccine and dose come filled from the card or the worklist. */
function RecordDoseForm({ personId, choice, onDone }: { personId: string; choice: DoseChoice; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordDose(personId);
  const today = todayInCaracas();
  const form = useForm({
    initialValues: {
      vaccineCode: choice.vaccineCode,
      doseNumber: choice.doseNumber as number | string,
      givenOn: today,
      lot: '',
    },
    validate: { lot: (value) => (value.trim() ? null : t('vaccines.lotRequired')) },
  });
  const submit = form.onSubmit(
    (values) =>
      record.mutate(
        { ...values, lot: values.lot.trim(), doseNumber: Number(values.doseNumber) },
        {
          onSuccess: (dose) => {
            notifications.show({ color: 'green', message: t('vaccines.saved', { name: dose.vaccineName }) });
            onDone();
          },
          onError: (error) => showServerErrors(error, form, Object.keys(values), t),
        },
      ),
    focusFirstInvalidField,
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('vaccines.recordDose')}>
      <Card withBorder p="sm" bg="teal.0">
        <Text fw={600} size="sm" mb="xs">
          {t('vaccines.recordDose')}
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <TextInput label={t('vaccines.vaccine')} readOnly {...form.getInputProps('vaccineCode')} />
          <NumberInput label={t('vaccines.doseNumber')} readOnly hideControls {...form.getInputProps('doseNumber')} />
          <TextInput type="date" label={t('vaccines.givenOn')} max={today} {...form.getInputProps('givenOn')} />
          <TextInput label={t('vaccines.lotLabel')} withAsterisk data-autofocus {...form.getInputProps('lot')} />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('vaccines.save')}
          </Button>
        </Group>
      </Card>
    </form>
  );
}

function Pending({
  card,
  canWrite,
  onRecord,
}: {
  card: ImmunizationCard;
  canWrite: boolean;
  onRecord: (choice: DoseChoice) => void;
}) {
  const { t, i18n } = useTranslation();
  const pending = [
    ...card.overdue.map((d) => ({ ...d, color: 'red' })),
    ...card.due.map((d) => ({ ...d, color: 'orange' })),
  ];
  if (pending.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('vaccines.nothingDue')}
      </Text>
    );
  return (
    <Stack gap={6}>
      {pending.map((d) => (
        <Group
          key={`${d.vaccineCode}-${d.doseNumber}`}
          justify="space-between"
          wrap="nowrap"
          gap="xs"
          data-testid="dose-pending"
        >
          <div style={{ minWidth: 0 }}>
            <Text size="sm" fw={500}>
              {d.vaccineName} · {d.label}
            </Text>
            <Group gap={6}>
              <Badge color={d.color} size="sm">
                {t(`vaccines.status.${d.status}`)}
              </Badge>
              <Text size="xs" c="dimmed">
                {t('vaccines.dueOn', { date: formatDate(d.dueOn, i18n.language) })}
              </Text>
            </Group>
          </div>
          {canWrite && (
            <Button
              size="compact-sm"
              variant="light"
              style={{ flexShrink: 0 }}
              onClick={() => onRecord({ vaccineCode: d.vaccineCode, doseNumber: d.doseNumber })}
              aria-label={t('vaccines.recordDoseOf', { name: `${d.vaccineName} ${d.label}` })}
            >
              {t('vaccines.record')}
            </Button>
          )}
        </Group>
      ))}
    </Stack>
  );
}

/** A person's vaccines: overdue and due first, each with a way to record it, then the doses given. */
export function ImmunizationCardView({
  personId,
  canWrite,
  choice,
  onChoose,
}: {
  personId: string;
  canWrite: boolean;
  choice: DoseChoice | null;
  onChoose: (choice: DoseChoice | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const card = useImmunizations(personId);
  return (
    <QueryState query={card}>
      {(data) => (
        <Stack gap="sm">
          {choice && canWrite && (
            <RecordDoseForm
              key={`${choice.vaccineCode}-${choice.doseNumber}`}
              personId={personId}
              choice={choice}
              onDone={() => onChoose(null)}
            />
          )}
          <Pending card={data} canWrite={canWrite} onRecord={onChoose} />
          {data.given.length > 0 && (
            <div>
              <Text size="xs" c="dimmed" fw={600}>
                {t('vaccines.given')}
              </Text>
              {data.given.map((d) => (
                <Text size="sm" key={d.id}>
                  {d.vaccineName} · {d.doseLabel} · {formatDate(d.givenOn, i18n.language)}
                </Text>
              ))}
            </div>
          )}
          {data.upcoming.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('vaccines.upcoming', {
                list: [...data.upcoming]
                  .sort((a, b) => a.dueOn.localeCompare(b.dueOn))
                  .slice(0, NEXT_SHOWN)
                  .map((d) => `${d.vaccineName} ${d.label} (${formatDate(d.dueOn, i18n.language)})`)
                  .join(', '),
              })}
              {data.upcoming.length > NEXT_SHOWN &&
                ` ${t('vaccines.andMore', { count: data.upcoming.length - NEXT_SHOWN })}`}
            </Text>
          )}
        </Stack>
      )}
    </QueryState>
  );
}
