import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { OUTCOMES, SETTINGS, VITAL_LIMITS, type Setting } from '../../../modules/care/encounter.rules';
import { ApiError } from '../../app/api-client';
import { todayInCaracas } from '../../ui/format';
import { RouterAnchor, RouterButton } from '../../ui/link-components';
import { PageHeader } from '../../ui/page-header.component';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { fullName } from '../census/census-labels';
import { usePerson } from '../census/census.resource';
import { useRecordEncounter, type RecordEncounterRequest } from './care.resource';
import { Icd10Search } from './icd10-search.component';
import { MedicineInput } from '../medicines/prescription-stock.component';

const VITALS = ['systolic', 'diastolic', 'heartRate', 'temperatureC', 'weightKg', 'heightCm', 'glucoseMgDl'] as const;
type Vital = (typeof VITALS)[number];

interface PrescriptionValues {
  medicine: string;
  dose: string;
  frequency: string;
  durationDays: number | string;
  quantity: number | string;
}

interface EncounterValues extends Record<Vital, number | string> {
  setting: Setting;
  reason: string;
  diagnoses: { code: string; title: string; primary: boolean }[];
  notes: string;
  prescriptions: PrescriptionValues[];
  outcome: (typeof OUTCOMES)[number];
  followUpOn: string;
}

const number = (value: number | string) => (value === '' ? null : Number(value));

/** Body-mass index from kg and cm, one decimal; nothing until both are there. */
export function bodyMassIndex(weightKg: number | string, heightCm: number | string): number | null {
  const weight = Number(weightKg);
  const height = Number(heightCm) / 100;
  if (!weight || !height) return null;
  return Math.round((weight / (height * height)) * 10) / 10;
}

function toRequest(values: EncounterValues): RecordEncounterRequest {
  return {
    setting: values.setting,
    occurredAt: new Date().toISOString(),
    reason: values.reason.trim(),
    vitals: Object.fromEntries(VITALS.map((v) => [v, number(values[v])])),
    diagnoses: values.diagnoses.map(({ code, primary }) => ({ code, primary })),
    notes: values.notes.trim() || null,
    prescriptions: values.prescriptions.map((p) => ({
      medicine: p.medicine.trim(),
      dose: p.dose.trim(),
      frequency: p.frequency.trim(),
      durationDays: number(p.durationDays),
      quantity: Number(p.quantity),
    })),
    outcome: values.outcome,
    followUpOn: values.outcome === 'follow_up' ? values.followUpOn || null : null,
  };
}

/** Server fields (`vitals.systolic`) to form fields (`systolic`). */
const FIELD_MAP = Object.fromEntries(VITALS.map((v) => [`vitals.${v}`, v]));

/** A consultation, home visit or community activity, short enough to fill in on a phone. */
export function EncounterFormPage({ personId, setting }: { personId: string; setting: Setting | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const person = usePerson(personId);
  const record = useRecordEncounter(personId);
  const today = todayInCaracas();
  const form = useForm<EncounterValues>({
    initialValues: {
      setting: setting ?? 'post',
      reason: '',
      ...(Object.fromEntries(VITALS.map((v) => [v, ''])) as Record<Vital, string>),
      diagnoses: [],
      notes: '',
      prescriptions: [],
      outcome: 'resolved',
      followUpOn: '',
    },
    validate: {
      reason: (value) => (value.trim() ? null : t('encounter.reasonRequired')),
      followUpOn: (value, values) =>
        values.outcome === 'follow_up' && !value ? t('encounter.followUpRequired') : null,
    },
  });
  const { values } = form;
  const bmi = bodyMassIndex(values.weightKg, values.heightCm);
  const fields = [...Object.keys(values), 'vitals', 'occurredAt'];

  // The server names the field in English; the range it checks is known here too, so it is said in the person's language.
  const sayImplausibleVitals = (error: unknown) => {
    if (!(error instanceof ApiError) || error.code !== 'IMPLAUSIBLE_VITAL_SIGN') return;
    for (const { field } of error.problem?.errors ?? []) {
      const vital = FIELD_MAP[field] as Vital | undefined;
      if (vital) form.setFieldError(vital, t('encounter.implausible', VITAL_LIMITS[vital]));
    }
  };

  const submit = form.onSubmit(
    (submitted) =>
      record.mutate(toRequest(submitted), {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('encounter.saved') });
          void navigate({ to: '/persons/$personId', params: { personId } });
        },
        onError: (error) => {
          showServerErrors(error, form, fields, t, FIELD_MAP);
          sayImplausibleVitals(error);
        },
      }),
    focusFirstInvalidField,
  );

  const vital = (field: Vital, decimals: number) => (
    <NumberInput
      key={field}
      label={t(`encounter.vitals.${field}`)}
      decimalScale={decimals}
      allowDecimal={decimals > 0}
      inputMode={decimals > 0 ? 'decimal' : 'numeric'}
      hideControls
      {...form.getInputProps(field)}
    />
  );

  return (
    <Stack gap="md" maw={820}>
      <PageHeader
        title={t('encounter.title')}
        subtitle={person.data ? fullName(person.data) : undefined}
        above={
          <RouterAnchor to="/persons/$personId" params={{ personId }} size="sm">
            {t('encounter.backToPerson')}
          </RouterAnchor>
        }
      />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <SegmentedControl
            fullWidth
            aria-label={t('encounter.setting')}
            data={SETTINGS.map((s) => ({ value: s, label: t(`encounter.settings.${s}`) }))}
            {...form.getInputProps('setting')}
          />
          <TextInput label={t('encounter.reason')} withAsterisk {...form.getInputProps('reason')} />
          <Card withBorder p="sm">
            <Text fw={600} size="sm" mb={4}>
              {t('encounter.vitalSigns')}
            </Text>
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
              {vital('systolic', 0)}
              {vital('diastolic', 0)}
              {vital('heartRate', 0)}
              {vital('temperatureC', 1)}
              {vital('weightKg', 2)}
              {vital('heightCm', 1)}
              {vital('glucoseMgDl', 0)}
              <div>
                <Text size="sm" fw={500}>
                  {t('encounter.bmi')}
                </Text>
                <Text size="lg" fw={700} data-testid="bmi" mt={4}>
                  {bmi ?? t('common.none')}
                </Text>
              </div>
            </SimpleGrid>
          </Card>
          <Card withBorder p="sm">
            <Stack gap="xs">
              <Icd10Search
                label={t('encounter.diagnosis')}
                error={form.errors.diagnoses as string | undefined}
                onPick={(entry) => {
                  if (values.diagnoses.some((d) => d.code === entry.code)) return;
                  form.insertListItem('diagnoses', { ...entry, primary: values.diagnoses.length === 0 });
                  form.clearFieldError('diagnoses');
                }}
              />
              {values.diagnoses.map((d, index) => (
                <Group key={d.code} justify="space-between" wrap="nowrap" gap="xs" data-testid="diagnosis">
                  <Text size="sm" style={{ minWidth: 0 }}>
                    <b>{d.code}</b> {d.title}
                  </Text>
                  <Group gap="xs" wrap="nowrap">
                    <Checkbox
                      label={t('encounter.primary')}
                      checked={d.primary}
                      onChange={() =>
                        form.setFieldValue(
                          'diagnoses',
                          values.diagnoses.map((other, i) => ({ ...other, primary: i === index })),
                        )
                      }
                    />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('encounter.removeDiagnosis', { code: d.code })}
                      onClick={() => form.removeListItem('diagnoses', index)}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                </Group>
              ))}
            </Stack>
          </Card>
          <Textarea label={t('encounter.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
          {values.prescriptions.map((_, index) => (
            <Card key={index} withBorder p="xs">
              <Group justify="space-between" mb={4}>
                <Text size="sm" fw={600}>
                  {t('encounter.prescription', { number: index + 1 })}
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('encounter.removePrescription', { number: index + 1 })}
                  onClick={() => form.removeListItem('prescriptions', index)}
                >
                  ×
                </ActionIcon>
              </Group>
              <MedicineInput
                label={t('encounter.medicine')}
                {...form.getInputProps(`prescriptions.${index}.medicine`)}
              />
              <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" mt="xs">
                <TextInput label={t('encounter.dose')} {...form.getInputProps(`prescriptions.${index}.dose`)} />
                <TextInput
                  label={t('encounter.frequency')}
                  {...form.getInputProps(`prescriptions.${index}.frequency`)}
                />
                <NumberInput
                  label={t('encounter.durationDays')}
                  hideControls
                  {...form.getInputProps(`prescriptions.${index}.durationDays`)}
                />
                <NumberInput
                  label={t('encounter.quantity')}
                  hideControls
                  {...form.getInputProps(`prescriptions.${index}.quantity`)}
                />
              </SimpleGrid>
            </Card>
          ))}
          <Group>
            <Button
              variant="subtle"
              size="compact-sm"
              onClick={() =>
                form.insertListItem('prescriptions', {
                  medicine: '',
                  dose: '',
                  frequency: '',
                  durationDays: '',
                  quantity: '',
                })
              }
            >
              {t('encounter.addPrescription')}
            </Button>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('encounter.outcome')}
              allowDeselect={false}
              data={OUTCOMES.map((o) => ({ value: o, label: t(`encounter.outcomes.${o}`) }))}
              {...form.getInputProps('outcome')}
            />
            {values.outcome === 'follow_up' && (
              <TextInput
                type="date"
                label={t('encounter.followUpOn')}
                min={today}
                withAsterisk
                {...form.getInputProps('followUpOn')}
              />
            )}
          </SimpleGrid>
          <Group justify="flex-end">
            <RouterButton to="/persons/$personId" params={{ personId }} variant="default">
              {t('common.cancel')}
            </RouterButton>
            <Button type="submit" loading={record.isPending}>
              {t('encounter.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
