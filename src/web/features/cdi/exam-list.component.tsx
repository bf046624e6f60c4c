import { Badge, Button, Card, Checkbox, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { useServiceName } from '../facilities/service-names';
import { useServiceWrite, type Exam } from './cdi.resource';

/** Writes the result of one ordered exam. */
function ResultForm({ exam, onDone }: { exam: Exam; onDone: () => void }) {
  const serviceName = useServiceName();
  const { t } = useTranslation();
  const report = useServiceWrite<{ result: string; abnormal: boolean }>(`/api/exams/${exam.id}/result`);
  const form = useForm({
    initialValues: { result: '', abnormal: false },
    validate: { result: (v) => (v.trim() ? null : t('cdi.resultRequired')) },
  });
  // mutateAsync, not mutate's callbacks: the exam leaves the list once reported, and the callbacks
  // of a form that has gone with it would never run.
  const submit = form.onSubmit(
    (values) =>
      void report.mutateAsync(values).then(
        () => {
          notifications.show({ color: 'green', message: t('cdi.resultSaved') });
          onDone();
        },
        (error: unknown) => showServerErrors(error, form, Object.keys(values), t),
      ),
    focusFirstInvalidField,
  );
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={t('cdi.resultFor', { exam: serviceName(exam.examCode, exam.examName) })}
    >
      <Stack gap={6} mt={6}>
        <Textarea label={t('cdi.result')} autosize minRows={2} {...form.getInputProps('result')} />
        <Group justify="space-between">
          <Checkbox label={t('cdi.abnormal')} {...form.getInputProps('abnormal', { type: 'checkbox' })} />
          <Button type="submit" size="xs" loading={report.isPending}>
            {t('cdi.saveResult')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Exams with their results; the performing team writes each result once. */
export function ExamList({
  exams,
  canReport,
  showPerson,
}: {
  exams: Exam[];
  canReport: boolean;
  showPerson?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const serviceName = useServiceName();
  const [open, setOpen] = useState<string | null>(null);
  if (exams.length === 0)
    return (
      <Text c="dimmed" size="sm">
        {t('cdi.noExams')}
      </Text>
    );
  return (
    <Stack gap="xs" data-testid="exam-list">
      {exams.map((exam) => (
        <Card key={exam.id} withBorder p="xs" data-testid={`exam-${exam.examCode}`}>
          <Group justify="space-between" gap="xs">
            <Text fw={600} size="sm">
              {serviceName(exam.examCode, exam.examName)}
              {showPerson && ` · ${exam.person.name}`}
            </Text>
            {exam.result ? (
              <Badge color={exam.result.abnormal ? 'orange' : 'green'}>
                {exam.result.abnormal ? t('cdi.abnormal') : t('cdi.reported')}
              </Badge>
            ) : (
              <Badge color="gray">{t('cdi.pending')}</Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {exam.indication} · {formatDateTime(exam.orderedAt, i18n.language)} · {exam.orderingFacility.name}
          </Text>
          {exam.result && <Text size="sm">{exam.result.text}</Text>}
          {!exam.result && canReport && open !== exam.id && (
            <Button size="compact-xs" variant="light" mt={4} onClick={() => setOpen(exam.id)}>
              {t('cdi.writeResult')}
            </Button>
          )}
          {!exam.result && open === exam.id && <ResultForm exam={exam} onDone={() => setOpen(null)} />}
        </Card>
      ))}
    </Stack>
  );
}

/** Orders an exam the facility performs, for a person it cares for. */
export function ExamOrderForm({
  facilityId,
  personId,
  referralId,
  examCodes,
}: {
  facilityId: string;
  personId: string;
  referralId?: string;
  examCodes: { code: string; name: string }[];
}) {
  const { t } = useTranslation();
  const order = useServiceWrite<{ personId: string; examCode: string; indication: string; referralId?: string }>(
    `/api/facilities/${facilityId}/exams`,
  );
  const form = useForm({
    initialValues: { examCode: '', indication: '' },
    validate: {
      examCode: (v) => (v ? null : t('cdi.examRequired')),
      indication: (v) => (v.trim() ? null : t('cdi.indicationRequired')),
    },
  });
  const submit = form.onSubmit(
    (values) =>
      order.mutate(
        { ...values, personId, ...(referralId ? { referralId } : {}) },
        {
          onSuccess: () => {
            notifications.show({ color: 'green', message: t('cdi.examOrdered') });
            form.reset();
          },
          onError: (error) => showServerErrors(error, form, Object.keys(values), t),
        },
      ),
    focusFirstInvalidField,
  );
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <Select
          label={t('cdi.exam')}
          data={examCodes.map((e) => ({ value: e.code, label: e.name }))}
          allowDeselect={false}
          value={form.values.examCode || null}
          onChange={(v) => form.setFieldValue('examCode', v ?? '')}
          error={form.errors.examCode}
          w={220}
        />
        <TextInput
          label={t('cdi.indication')}
          {...form.getInputProps('indication')}
          style={{ flex: 1, minWidth: 180 }}
        />
        <Button type="submit" loading={order.isPending}>
          {t('cdi.orderExam')}
        </Button>
      </Group>
    </form>
  );
}
