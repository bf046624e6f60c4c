import { Button, Card, Group, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDate, todayInCaracas } from '../../ui/format';
import { RouterButton } from '../../ui/link-components';
import { PageHeader } from '../../ui/page-header.component';
import { QueryState } from '../../ui/query-state.component';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import type { FacilityStatus } from './facility-labels';
import { FacilityStatusBadge } from './facility-status-badge.component';
import { useChangeFacilityStatus, useFacility, type FacilityDetail } from './facility.resource';

const FIELDS = ['status', 'effectiveOn', 'reason'] as const;

/** Moves a facility one step along its lifecycle; only the steps the lifecycle allows are offered. */
export function FacilityStatusFormPage({ facilityId }: { facilityId: string }) {
  const facility = useFacility(facilityId);
  return <QueryState query={facility}>{(detail) => <StatusForm facility={detail} />}</QueryState>;
}

function StatusForm({ facility }: { facility: FacilityDetail }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const change = useChangeFacilityStatus(facility.id);
  const today = todayInCaracas();
  const form = useForm({
    initialValues: {
      status: facility.allowedNextStatuses.length === 1 ? facility.allowedNextStatuses[0]! : '',
      effectiveOn: today,
      reason: '',
    },
    validate: {
      status: (value) => (value ? null : t('statusForm.errors.status')),
      effectiveOn: (value) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return t('statusForm.errors.date');
        if (value > today) return t('statusForm.errors.future');
        if (value < facility.statusSince)
          return t('statusForm.errors.beforeCurrent', { date: formatDate(facility.statusSince, i18n.language) });
        return null;
      },
      reason: (value) => (value.trim().length >= 3 ? null : t('statusForm.errors.reason')),
    },
  });
  const backToFacility = () => navigate({ to: '/facilities/$facilityId', params: { facilityId: facility.id } });

  const submit = form.onSubmit(
    (values) =>
      change.mutate(
        { status: values.status as FacilityStatus, effectiveOn: values.effectiveOn, reason: values.reason.trim() },
        {
          onSuccess: (updated) => {
            notifications.show({
              color: 'green',
              message: t('statusForm.saved', { status: t(`status.${updated.status}`) }),
            });
            void backToFacility();
          },
          onError: (error) => showServerErrors(error, form, FIELDS, t),
        },
      ),
    focusFirstInvalidField,
  );

  if (!facility.canManage || facility.allowedNextStatuses.length === 0) {
    return (
      <Stack>
        <PageHeader title={t('statusForm.title')} subtitle={facility.name} />
        <Text>{facility.canManage ? t('statusForm.noneAllowed') : t('common.notPermitted')}</Text>
      </Stack>
    );
  }

  return (
    <Stack gap="md" maw={640}>
      <PageHeader title={t('statusForm.title')} subtitle={`${facility.name} · ${facility.code}`} />
      <Group gap="xs">
        <Text size="sm">{t('statusForm.current')}</Text>
        <FacilityStatusBadge status={facility.status} />
        <Text size="sm" c="dimmed">
          {t('facility.since', { date: formatDate(facility.statusSince, i18n.language) })}
        </Text>
      </Group>
      <Card withBorder p={{ base: 'sm', sm: 'md' }} component="form" onSubmit={submit} noValidate>
        <Stack gap="md">
          <Radio.Group label={t('statusForm.newStatus')} withAsterisk {...form.getInputProps('status')}>
            <Stack gap="xs" mt="xs">
              {facility.allowedNextStatuses.map((status) => (
                <Radio
                  key={status}
                  value={status}
                  label={t(`status.${status}`)}
                  description={t(`statusForm.meaning.${status}`)}
                />
              ))}
            </Stack>
          </Radio.Group>
          <TextInput
            type="date"
            label={t('statusForm.effectiveOn')}
            withAsterisk
            max={today}
            min={facility.statusSince}
            {...form.getInputProps('effectiveOn')}
          />
          <Textarea
            label={t('statusForm.reason')}
            description={t('statusForm.reasonHint')}
            withAsterisk
            autosize
            minRows={3}
            maxLength={500}
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <RouterButton to="/facilities/$facilityId" params={{ facilityId: facility.id }} variant="default">
              {t('common.cancel')}
            </RouterButton>
            <Button type="submit" loading={change.isPending}>
              {t('statusForm.submit')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
