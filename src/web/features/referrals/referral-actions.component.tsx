import { Button, Card, Group, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REFUSAL_REASONS } from '../../../modules/referrals/referral.rules';
import { focusFirstInvalidField, notifyError, showServerErrors } from '../../ui/server-errors';
import { useTakeStep, type ReferralDetail } from './referrals.resource';

function RefuseForm({ referralId, onDone }: { referralId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const step = useTakeStep(referralId);
  const form = useForm({
    initialValues: { refusalReason: '', notes: '' },
    validate: { refusalReason: (v) => (v ? null : t('referrals.refusalReasonRequired')) },
  });
  const submit = form.onSubmit(
    (values) =>
      step.mutate(
        {
          step: 'refused',
          refusalReason: values.refusalReason as (typeof REFUSAL_REASONS)[number],
          notes: values.notes || null,
        },
        { onSuccess: onDone, onError: (error) => showServerErrors(error, form, Object.keys(values), t) },
      ),
    focusFirstInvalidField,
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('referrals.steps.refused')}>
      <Stack gap="xs">
        <Select
          label={t('referrals.refusalReason')}
          withAsterisk
          data={REFUSAL_REASONS.map((r) => ({ value: r, label: t(`referrals.refusalReasons.${r}`) }))}
          value={form.values.refusalReason || null}
          onChange={(v) => form.setFieldValue('refusalReason', v ?? '')}
          error={form.errors.refusalReason}
        />
        <Textarea label={t('referrals.notes')} autosize {...form.getInputProps('notes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={step.isPending}>
            {t('referrals.confirmRefuse')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CounterReferralForm({ referralId, onDone }: { referralId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const step = useTakeStep(referralId);
  const form = useForm({
    initialValues: { findings: '', treatment: '', recommendations: '' },
    validate: { findings: (v) => (v.trim() ? null : t('referrals.findingsRequired')) },
  });
  const submit = form.onSubmit(
    (values) =>
      step.mutate(
        { step: 'counter_referred', ...values },
        {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('referrals.counterReferralSent') });
            onDone();
          },
          onError: (error) => showServerErrors(error, form, Object.keys(values), t),
        },
      ),
    focusFirstInvalidField,
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('referrals.steps.counter_referred')}>
      <Stack gap="xs">
        <Textarea
          label={t('referrals.findings')}
          withAsterisk
          autosize
          minRows={2}
          {...form.getInputProps('findings')}
        />
        <Textarea label={t('referrals.treatment')} autosize {...form.getInputProps('treatment')} />
        <Textarea label={t('referrals.recommendations')} autosize {...form.getInputProps('recommendations')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={step.isPending}>
            {t('referrals.sendCounterReferral')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The steps the caller may take now: one button each; refusing and counter-referring open their form. */
export function ReferralActions({ referral }: { referral: ReferralDetail }) {
  const { t } = useTranslation();
  const step = useTakeStep(referral.id);
  const [open, setOpen] = useState<'refused' | 'counter_referred' | null>(null);
  if (referral.nextSteps.length === 0) return null;
  if (open === 'refused') return <RefuseForm referralId={referral.id} onDone={() => setOpen(null)} />;
  if (open === 'counter_referred') return <CounterReferralForm referralId={referral.id} onDone={() => setOpen(null)} />;
  return (
    <Card withBorder bg="gray.0" p="sm">
      <Text size="sm" fw={600} mb="xs">
        {t('referrals.nextStep')}
      </Text>
      <Group gap="xs">
        {referral.nextSteps.map((next) =>
          next === 'refused' || next === 'counter_referred' ? (
            <Button
              key={next}
              color={next === 'refused' ? 'red' : 'teal'}
              variant={next === 'refused' ? 'light' : 'filled'}
              onClick={() => setOpen(next)}
            >
              {t(`referrals.actions.${next}`)}
            </Button>
          ) : (
            <Button
              key={next}
              loading={step.isPending && step.variables?.step === next}
              onClick={() =>
                step.mutate({ step: next } as Parameters<typeof step.mutate>[0], { onError: (e) => notifyError(e, t) })
              }
            >
              {t(`referrals.actions.${next}`)}
            </Button>
          ),
        )}
      </Group>
    </Card>
  );
}
