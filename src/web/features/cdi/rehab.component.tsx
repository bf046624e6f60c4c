import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, todayInCaracas } from '../../ui/format';
import { focusFirstInvalidField, notifyError, showServerErrors } from '../../ui/server-errors';
import { useServiceWrite, type RehabPlan } from './cdi.resource';

/** Opens a rehabilitation plan for a referred patient: diagnosis, modalities, sessions planned. */
export function RehabPlanForm({
  facilityId,
  personId,
  referralId,
  defaultDiagnosis,
  modalities,
}: {
  facilityId: string;
  personId: string;
  referralId?: string;
  defaultDiagnosis: string;
  modalities: { code: string; name: string }[];
}) {
  const { t } = useTranslation();
  const create = useServiceWrite<Record<string, unknown>>(`/api/facilities/${facilityId}/rehab-plans`);
  const form = useForm({
    initialValues: { diagnosisIcd10: defaultDiagnosis, modalities: [] as string[], sessionsPlanned: 10 },
    validate: { modalities: (v) => (v.length > 0 ? null : t('rehab.modalitiesRequired')) },
  });
  const submit = form.onSubmit(
    (values) =>
      create.mutate(
        { ...values, personId, ...(referralId ? { referralId } : {}) },
        {
          onSuccess: () => notifications.show({ color: 'green', message: t('rehab.planSaved') }),
          onError: (error) => showServerErrors(error, form, Object.keys(values), t),
        },
      ),
    focusFirstInvalidField,
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <TextInput label={t('rehab.diagnosis')} {...form.getInputProps('diagnosisIcd10')} />
        <MultiSelect
          label={t('rehab.modalities')}
          data={modalities.map((m) => ({ value: m.code, label: m.name }))}
          {...form.getInputProps('modalities')}
        />
        <NumberInput label={t('rehab.sessionsPlanned')} min={1} max={200} {...form.getInputProps('sessionsPlanned')} />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t('rehab.openPlan')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SessionForm({ plan, names }: { plan: RehabPlan; names: Map<string, string> }) {
  const { t } = useTranslation();
  const [modality, setModality] = useState(plan.modalities[0] ?? '');
  const [attended, setAttended] = useState(true);
  const record = useServiceWrite<Record<string, unknown>>(`/api/rehab-plans/${plan.id}/sessions`);
  const discharge = useServiceWrite<Record<string, unknown>>(`/api/rehab-plans/${plan.id}/discharge`);
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <Select
        label={t('rehab.modality')}
        allowDeselect={false}
        value={modality}
        onChange={(v) => setModality(v ?? '')}
        data={plan.modalities.map((m) => ({ value: m, label: names.get(m) ?? m }))}
        w={220}
      />
      <Checkbox
        label={t('rehab.attended')}
        checked={attended}
        onChange={(e) => setAttended(e.currentTarget.checked)}
        mb={8}
      />
      <Button
        size="sm"
        loading={record.isPending}
        onClick={() =>
          record.mutate({ modality, attended, sessionOn: todayInCaracas() }, { onError: (e) => notifyError(e, t) })
        }
      >
        {t('rehab.recordSession')}
      </Button>
      <Button
        size="sm"
        variant="light"
        color="dark"
        loading={discharge.isPending}
        onClick={() =>
          discharge.mutate(
            { outcome: 'improved', dischargedOn: todayInCaracas() },
            { onError: (e) => notifyError(e, t) },
          )
        }
      >
        {t('rehab.discharge')}
      </Button>
    </Group>
  );
}

/** A rehabilitation room's plans: sessions attended and missed by modality, and the day's session. */
export function RehabPlanList({ plans, names }: { plans: RehabPlan[]; names: Map<string, string> }) {
  const { t, i18n } = useTranslation();
  if (plans.length === 0) return <Text c="dimmed">{t('rehab.none')}</Text>;
  return (
    <Stack gap="xs">
      {plans.map((plan) => (
        <Card key={plan.id} withBorder p="sm">
          <Group justify="space-between">
            <Text fw={600}>{plan.person.name}</Text>
            {plan.dischargeOutcome ? (
              <Badge color="gray">{t(`rehab.outcomes.${plan.dischargeOutcome}`)}</Badge>
            ) : (
              <Badge>{t('rehab.progress', { done: plan.attended, planned: plan.sessionsPlanned })}</Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {plan.diagnosis.code} · {plan.diagnosis.title} · {formatDate(plan.startedOn, i18n.language)}
          </Text>
          <Text size="sm">
            {plan.modalities
              .map((m) => {
                const own = plan.sessions.filter((s) => s.modality === m);
                return `${names.get(m) ?? m}: ${own.filter((s) => s.attended).length} ✓ / ${own.filter((s) => !s.attended).length} ✗`;
              })
              .join(' · ')}
          </Text>
          {!plan.dischargedOn && <SessionForm plan={plan} names={names} />}
        </Card>
      ))}
    </Stack>
  );
}
