import { Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { formatDate, todayInCaracas } from '../../ui/format';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import {
  ongoingPregnancy,
  useRecordBirth,
  useRecordPrenatalControl,
  useRegisterPregnancy,
  useTimeline,
  type Pregnancy,
} from './care.resource';

export type MaternalAction = 'pregnancy' | 'control' | 'birth';

const optional = (value: number | string) => (value === '' ? null : Number(value));

function FormCard({
  title,
  children,
  onCancel,
  pending,
}: {
  title: string;
  children: React.ReactNode;
  onCancel: () => void;
  pending: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder p="sm" bg="pink.0">
      <Text fw={600} size="sm" mb="xs">
        {title}
      </Text>
      {children}
      <Group justify="flex-end" mt="sm">
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={pending}>
          {t('common.save')}
        </Button>
      </Group>
    </Card>
  );
}

function RegisterPregnancyForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const register = useRegisterPregnancy(personId);
  const form = useForm({ initialValues: { lastMenstrualPeriod: '', risk: 'low' as 'low' | 'high' } });
  const submit = form.onSubmit(
    (values) =>
      register.mutate(values, {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('pregnancy.registered') });
          onDone();
        },
        onError: (error) => showServerErrors(error, form, Object.keys(values), t),
      }),
    focusFirstInvalidField,
  );
  return (
    <form onSubmit={submit} noValidate>
      <FormCard title={t('pregnancy.register')} onCancel={onDone} pending={register.isPending}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          <TextInput
            type="date"
            label={t('pregnancy.lmp')}
            max={todayInCaracas()}
            {...form.getInputProps('lastMenstrualPeriod')}
          />
          <Select
            label={t('pregnancy.risk')}
            allowDeselect={false}
            data={['low', 'high'].map((r) => ({ value: r, label: t(`pregnancy.risks.${r}`) }))}
            {...form.getInputProps('risk')}
          />
        </SimpleGrid>
      </FormCard>
    </form>
  );
}

function ControlForm({ personId, pregnancy, onDone }: { personId: string; pregnancy: Pregnancy; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordPrenatalControl(personId, pregnancy.id);
  const form = useForm({
    initialValues: {
      controlOn: todayInCaracas(),
      gestationalWeeks: Math.floor(pregnancy.gestationalWeeks) as number | string,
      systolic: '' as number | string,
      diastolic: '' as number | string,
      weightKg: '' as number | string,
      fundalHeightCm: '' as number | string,
      fetalHeartRate: '' as number | string,
    },
  });
  const submit = form.onSubmit(
    (v) =>
      record.mutate(
        {
          controlOn: v.controlOn,
          gestationalWeeks: Number(v.gestationalWeeks),
          systolic: optional(v.systolic),
          diastolic: optional(v.diastolic),
          weightKg: optional(v.weightKg),
          fundalHeightCm: optional(v.fundalHeightCm),
          fetalHeartRate: optional(v.fetalHeartRate),
        },
        {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('pregnancy.controlSaved') });
            onDone();
          },
          onError: (error) => showServerErrors(error, form, Object.keys(v), t),
        },
      ),
    focusFirstInvalidField,
  );
  const numberField = (
    field: 'gestationalWeeks' | 'systolic' | 'diastolic' | 'weightKg' | 'fundalHeightCm' | 'fetalHeartRate',
  ) => <NumberInput label={t(`pregnancy.fields.${field}`)} hideControls {...form.getInputProps(field)} />;
  return (
    <form onSubmit={submit} noValidate>
      <FormCard title={t('pregnancy.control')} onCancel={onDone} pending={record.isPending}>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <TextInput type="date" label={t('pregnancy.fields.controlOn')} {...form.getInputProps('controlOn')} />
          {numberField('gestationalWeeks')}
          {numberField('systolic')}
          {numberField('diastolic')}
          {numberField('weightKg')}
          {numberField('fundalHeightCm')}
          {numberField('fetalHeartRate')}
        </SimpleGrid>
      </FormCard>
    </form>
  );
}

function BirthForm({ personId, pregnancy, onDone }: { personId: string; pregnancy: Pregnancy; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordBirth(personId, pregnancy.id);
  const form = useForm({
    initialValues: {
      bornOn: todayInCaracas(),
      outcome: 'live' as 'live' | 'stillbirth',
      weightG: '' as number | string,
      sex: null as 'F' | 'M' | null,
      place: 'health_facility' as 'health_facility' | 'home' | 'in_transit' | 'other',
      firstNames: '',
      lastNames: '',
    },
  });
  const live = form.values.outcome === 'live';
  const submit = form.onSubmit(
    (v) =>
      record.mutate(
        {
          bornOn: v.bornOn,
          outcome: v.outcome,
          weightG: optional(v.weightG),
          sex: live ? v.sex : null,
          place: v.place,
          child: live ? { firstNames: v.firstNames.trim(), lastNames: v.lastNames.trim() } : null,
        },
        {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('pregnancy.birthSaved') });
            onDone();
          },
          onError: (error) =>
            showServerErrors(error, form, Object.keys(v), t, {
              child: 'firstNames',
              'child.firstNames': 'firstNames',
              'child.lastNames': 'lastNames',
            }),
        },
      ),
    focusFirstInvalidField,
  );
  return (
    <form onSubmit={submit} noValidate>
      <FormCard title={t('pregnancy.birth')} onCancel={onDone} pending={record.isPending}>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
          <TextInput type="date" label={t('pregnancy.fields.bornOn')} {...form.getInputProps('bornOn')} />
          <Select
            label={t('pregnancy.fields.outcome')}
            allowDeselect={false}
            data={['live', 'stillbirth'].map((o) => ({ value: o, label: t(`pregnancy.birthOutcomes.${o}`) }))}
            {...form.getInputProps('outcome')}
          />
          <Select
            label={t('pregnancy.fields.place')}
            allowDeselect={false}
            data={['health_facility', 'home', 'in_transit', 'other'].map((p) => ({
              value: p,
              label: t(`pregnancy.places.${p}`),
            }))}
            {...form.getInputProps('place')}
          />
          <NumberInput label={t('pregnancy.fields.weightG')} hideControls {...form.getInputProps('weightG')} />
          {live && (
            <>
              <Select
                label={t('person.sex')}
                data={['F', 'M'].map((s) => ({ value: s, label: t(`person.sexes.${s}`) }))}
                {...form.getInputProps('sex')}
              />
              <TextInput label={t('person.firstNames')} {...form.getInputProps('firstNames')} />
              <TextInput label={t('person.lastNames')} {...form.getInputProps('lastNames')} />
            </>
          )}
        </SimpleGrid>
      </FormCard>
    </form>
  );
}

/** A woman's ongoing pregnancy with its controls, and the forms to register one, add a control or record the birth. */
export function MaternalCard({
  personId,
  canWrite,
  action,
  onAction,
}: {
  personId: string;
  canWrite: boolean;
  action: MaternalAction | null;
  onAction: (action: MaternalAction | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const timeline = useTimeline(personId);
  const pregnancy = ongoingPregnancy(timeline.data);
  const done = () => onAction(null);
  return (
    <Stack gap="xs">
      {pregnancy ? (
        <div>
          <Text size="sm">
            {t('pregnancy.weeks', { weeks: Math.floor(pregnancy.gestationalWeeks) })} ·{' '}
            {t('pregnancy.expected', { date: formatDate(pregnancy.expectedDelivery, i18n.language) })} ·{' '}
            {t(`pregnancy.risks.${pregnancy.risk}`)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('pregnancy.controls', { count: pregnancy.controls.length })}
            {pregnancy.nextControlDueOn &&
              ` · ${t('pregnancy.nextControl', { date: formatDate(pregnancy.nextControlDueOn, i18n.language) })}`}
          </Text>
        </div>
      ) : (
        <Text size="sm" c="dimmed">
          {t('pregnancy.none')}
        </Text>
      )}
      {canWrite && action === 'pregnancy' && !pregnancy && <RegisterPregnancyForm personId={personId} onDone={done} />}
      {canWrite && action === 'control' && pregnancy && (
        <ControlForm personId={personId} pregnancy={pregnancy} onDone={done} />
      )}
      {canWrite && action === 'birth' && pregnancy && (
        <BirthForm personId={personId} pregnancy={pregnancy} onDone={done} />
      )}
      {canWrite && !action && (
        <Group gap="xs">
          {pregnancy ? (
            <>
              <Button size="compact-sm" variant="light" onClick={() => onAction('control')}>
                {t('pregnancy.control')}
              </Button>
              <Button size="compact-sm" variant="light" onClick={() => onAction('birth')}>
                {t('pregnancy.birth')}
              </Button>
            </>
          ) : (
            <Button size="compact-sm" variant="light" onClick={() => onAction('pregnancy')}>
              {t('pregnancy.register')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
