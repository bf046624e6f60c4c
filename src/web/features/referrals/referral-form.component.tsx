import { Button, Card, Group, Radio, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../ui/page-header.component';
import { QueryState } from '../../ui/query-state.component';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { Icd10Search } from '../care/icd10-search.component';
import { fullName } from '../census/census-labels';
import { usePerson } from '../census/census.resource';
import { FacilitySelect } from '../facilities/facility-select.component';
import { useFacility } from '../facilities/facility.resource';
import { useSendReferral } from './referrals.resource';

const URGENCIES = ['emergency', 'priority', 'routine'] as const;

/** The services the chosen facility has installed, to refer to one of them. */
function ServiceSelect({
  facilityId,
  value,
  onChange,
  error,
}: {
  facilityId: string;
  value: string;
  onChange: (code: string) => void;
  error?: string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const facility = useFacility(facilityId);
  const services = (facility.data?.services ?? []).filter((s) => s.area !== 'primary');
  return (
    <Select
      label={t('referrals.service')}
      withAsterisk
      allowDeselect={false}
      value={value || null}
      onChange={(code) => onChange(code ?? '')}
      data={services.map((s) => ({ value: s.code, label: i18n.language === 'en' ? s.nameEn : s.nameEs }))}
      nothingFoundMessage={t('referrals.noServices')}
      error={error}
    />
  );
}

/** Refers a person of the post up the tiers: where, to which service, why, how urgent. */
export function ReferralFormPage({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const person = usePerson(personId);
  const send = useSendReferral(personId);
  const navigate = useNavigate();
  const form = useForm({
    initialValues: {
      toFacilityId: '',
      serviceCode: '',
      reason: '',
      icd10Code: '',
      icd10Title: '',
      urgency: 'routine' as (typeof URGENCIES)[number],
    },
    validate: {
      toFacilityId: (v) => (v ? null : t('referrals.facilityRequired')),
      serviceCode: (v) => (v ? null : t('referrals.serviceRequired')),
      reason: (v) => (v.trim() ? null : t('referrals.reasonRequired')),
      icd10Code: (v) => (v ? null : t('referrals.diagnosisRequired')),
    },
  });
  const submit = form.onSubmit(
    ({ icd10Title: _title, ...values }) =>
      send.mutate(values, {
        onSuccess: (referral) => {
          notifications.show({ color: 'green', message: t('referrals.sent') });
          void navigate({ to: '/referrals/$referralId', params: { referralId: referral.id } });
        },
        onError: (error) => showServerErrors(error, form, Object.keys(values), t),
      }),
    focusFirstInvalidField,
  );
  return (
    <QueryState query={person}>
      {(p) => (
        <Stack gap="md" maw={720}>
          <PageHeader title={t('referrals.newTitle')} subtitle={fullName(p)} />
          <form onSubmit={submit} noValidate>
            <Card withBorder>
              <Stack gap="sm">
                <FacilitySelect
                  label={t('referrals.toFacility')}
                  value={form.values.toFacilityId || null}
                  onChange={(id) => form.setValues({ toFacilityId: id ?? '', serviceCode: '' })}
                  error={form.errors.toFacilityId as string | undefined}
                />
                {form.values.toFacilityId && (
                  <ServiceSelect
                    facilityId={form.values.toFacilityId}
                    value={form.values.serviceCode}
                    onChange={(code) => form.setFieldValue('serviceCode', code)}
                    error={form.errors.serviceCode as string | undefined}
                  />
                )}
                <Textarea
                  label={t('referrals.reason')}
                  withAsterisk
                  autosize
                  minRows={2}
                  {...form.getInputProps('reason')}
                />
                <Icd10Search
                  label={t('referrals.diagnosis')}
                  error={form.errors.icd10Code as string | undefined}
                  onPick={(entry) =>
                    form.setValues({ icd10Code: entry.code, icd10Title: `${entry.code} · ${entry.title}` })
                  }
                />
                {form.values.icd10Title && (
                  <Text size="sm" data-testid="referral-diagnosis">
                    {form.values.icd10Title}
                  </Text>
                )}
                <Radio.Group label={t('referrals.urgency')} withAsterisk {...form.getInputProps('urgency')}>
                  <Group mt={4}>
                    {URGENCIES.map((u) => (
                      <Radio key={u} value={u} label={t(`referrals.urgencies.${u}`)} />
                    ))}
                  </Group>
                </Radio.Group>
                <Group justify="flex-end">
                  <Button type="submit" loading={send.isPending}>
                    {t('referrals.send')}
                  </Button>
                </Group>
              </Stack>
            </Card>
          </form>
        </Stack>
      )}
    </QueryState>
  );
}
