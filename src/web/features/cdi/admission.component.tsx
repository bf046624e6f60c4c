import { Badge, Button, Card, Checkbox, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { useServiceWrite, type Admission } from './cdi.resource';

const OUTCOMES = ['recovered', 'improved', 'transferred', 'referred', 'died', 'voluntary'] as const;

/** Admits a patient to the ward or intensive care. */
export function AdmitForm({
  facilityId,
  personId,
  referralId,
}: {
  facilityId: string;
  personId: string;
  referralId?: string;
}) {
  const { t } = useTranslation();
  const admit = useServiceWrite<Record<string, unknown>>(`/api/facilities/${facilityId}/admissions`);
  const form = useForm({
    initialValues: { unit: 'ward' as 'ward' | 'icu', reason: '', lifeSupport: false },
    validate: { reason: (v) => (v.trim() ? null : t('cdi.reasonRequired')) },
  });
  // mutateAsync: on a referral's page this form goes away once the person is admitted
  const submit = form.onSubmit(
    (values) =>
      void admit.mutateAsync({ ...values, personId, ...(referralId ? { referralId } : {}) }).then(
        () => notifications.show({ color: 'green', message: t('cdi.admitted') }),
        (error: unknown) => showServerErrors(error, form, Object.keys(values), t),
      ),
    focusFirstInvalidField,
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('cdi.admit')}>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <Select
          label={t('cdi.unit')}
          allowDeselect={false}
          data={(['ward', 'icu'] as const).map((u) => ({ value: u, label: t(`cdi.units.${u}`) }))}
          {...form.getInputProps('unit')}
          w={180}
        />
        <TextInput
          label={t('cdi.admissionReason')}
          {...form.getInputProps('reason')}
          style={{ flex: 1, minWidth: 180 }}
        />
        <Checkbox label={t('cdi.lifeSupport')} {...form.getInputProps('lifeSupport', { type: 'checkbox' })} mb={8} />
        <Button type="submit" loading={admit.isPending}>
          {t('cdi.admit')}
        </Button>
      </Group>
    </form>
  );
}

/** Discharges an admitted patient with the outcome. */
export function DischargeForm({ admission }: { admission: Admission }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<string>('improved');
  const discharge = useServiceWrite<{ outcome: string }>(`/api/admissions/${admission.id}/discharge`);
  const transfer = useServiceWrite<{ toUnit: string }>(`/api/admissions/${admission.id}/transfer`);
  const onError = (error: unknown) => showServerErrors(error, { setErrors: () => undefined }, [], t);
  return (
    <Group align="flex-end" gap="xs" wrap="wrap">
      <Select
        label={t('cdi.dischargeOutcome')}
        allowDeselect={false}
        value={outcome}
        onChange={(v) => setOutcome(v ?? 'improved')}
        data={OUTCOMES.map((o) => ({ value: o, label: t(`cdi.outcomes.${o}`) }))}
        w={200}
      />
      <Button
        color="dark"
        loading={discharge.isPending}
        // mutateAsync: the discharged admission leaves the board, and this button with it
        onClick={() =>
          void discharge
            .mutateAsync({ outcome })
            .then(() => notifications.show({ color: 'green', message: t('cdi.discharged') }), onError)
        }
      >
        {t('cdi.discharge')}
      </Button>
      <Button
        variant="light"
        loading={transfer.isPending}
        onClick={() => transfer.mutate({ toUnit: admission.unit === 'ward' ? 'icu' : 'ward' }, { onError })}
      >
        {t('cdi.transferTo', { unit: t(`cdi.units.${admission.unit === 'ward' ? 'icu' : 'ward'}`) })}
      </Button>
    </Group>
  );
}

/** Admissions with their stay and outcome; open ones can be discharged by the facility's team. */
export function AdmissionList({ admissions, canWrite }: { admissions: Admission[]; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  if (admissions.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {t('cdi.noAdmissions')}
      </Text>
    );
  return (
    <Stack gap="xs" data-testid="admission-list">
      {admissions.map((a) => (
        <Card key={a.id} withBorder p="xs">
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {t(`cdi.units.${a.unit}`)} · {a.reason}
            </Text>
            {a.dischargeOutcome ? (
              <Badge color={a.dischargeOutcome === 'died' ? 'dark' : 'green'}>
                {t(`cdi.outcomes.${a.dischargeOutcome}`)}
              </Badge>
            ) : (
              <Badge color="blue">{t('cdi.inBed')}</Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t('cdi.admittedAt', { date: formatDateTime(a.admittedAt, i18n.language) })}
            {a.dischargedAt && ` · ${t('cdi.dischargedAt', { date: formatDateTime(a.dischargedAt, i18n.language) })}`}
          </Text>
          {canWrite && !a.dischargedAt && <DischargeForm admission={a} />}
        </Card>
      ))}
    </Stack>
  );
}
