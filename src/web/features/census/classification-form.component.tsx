import { Button, Card, Group, MultiSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { codeOptions } from './census-labels';
import { useCensusCodes, useClassifyPerson, type ClassifyRequest } from './census.resource';

/** Classifies a person in dispensary group I–IV with what places them there. */
export function ClassificationForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const codes = useCensusCodes();
  const classify = useClassifyPerson(personId);
  const form = useForm({
    initialValues: { group: '1', riskFactors: [] as string[], chronicConditions: '', disabilities: [] as string[] },
  });
  const submit = form.onSubmit((values) => {
    const body: ClassifyRequest = {
      group: Number(values.group) as ClassifyRequest['group'],
      riskFactors: values.riskFactors as ClassifyRequest['riskFactors'],
      disabilities: values.disabilities as ClassifyRequest['disabilities'],
      chronicConditions: values.chronicConditions
        .split(/[,\s]+/)
        .map((c) => c.trim())
        .filter(Boolean),
    };
    classify.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('classification.saved') });
        onDone();
      },
      onError: (error) => showServerErrors(error, form, Object.keys(values), t),
    });
  }, focusFirstInvalidField);
  return (
    <form onSubmit={submit} noValidate>
      <Card withBorder p="sm" bg="blue.0">
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t('classification.classify')}
          </Text>
          <SegmentedControl
            fullWidth
            aria-label={t('classification.group')}
            data={['1', '2', '3', '4'].map((g) => ({ value: g, label: t(`classification.groups.${g}`) }))}
            {...form.getInputProps('group')}
          />
          <MultiSelect
            label={t('classification.riskFactors')}
            data={codeOptions(codes.data?.riskFactors, 'riskFactors', t)}
            searchable
            {...form.getInputProps('riskFactors')}
          />
          <TextInput
            label={t('classification.chronicConditions')}
            placeholder="I10, E11.9"
            {...form.getInputProps('chronicConditions')}
          />
          <MultiSelect
            label={t('classification.disabilities')}
            data={codeOptions(codes.data?.disabilities, 'disabilities', t)}
            {...form.getInputProps('disabilities')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={classify.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </form>
  );
}
