import { Button, Card, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { QueryState } from '../../ui/query-state.component';
import { useSurgeries } from './cdi.resource';
import { PatientPicker } from './patient-picker.component';
import { useServiceSubmit } from './service-submit';

const SURGERY_KINDS = ['major_emergency', 'major_elective', 'minor'] as const;

/** The operating room: record a surgery of a patient referred here, and the latest ones. */
export function SurgeryView({ facilityId }: { facilityId: string }) {
  const { t, i18n } = useTranslation();
  const list = useSurgeries(facilityId);
  const form = useForm({
    initialValues: { personId: '', kind: 'major_elective', procedure: '' },
    validate: {
      personId: (v) => (v ? null : t('cdi.patientRequired')),
      procedure: (v) => (v.trim() ? null : t('cdi.procedureRequired')),
    },
  });
  const { submit, pending } = useServiceSubmit(`/api/facilities/${facilityId}/surgeries`, form, t('cdi.surgerySaved'));
  return (
    <Stack gap="md">
      <Card withBorder>
        <form onSubmit={submit} noValidate aria-label={t('cdi.newSurgery')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            <PatientPicker
              facilityId={facilityId}
              value={form.values.personId}
              onChange={(v) => form.setFieldValue('personId', v)}
              error={form.errors.personId}
            />
            <Select
              label={t('cdi.surgeryKind')}
              allowDeselect={false}
              data={SURGERY_KINDS.map((k) => ({ value: k, label: t(`cdi.surgeryKinds.${k}`) }))}
              {...form.getInputProps('kind')}
            />
            <TextInput label={t('cdi.procedure')} {...form.getInputProps('procedure')} />
            <Button type="submit" loading={pending}>
              {t('cdi.recordSurgery')}
            </Button>
          </SimpleGrid>
        </form>
      </Card>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('cdi.noSurgeries')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('cdi.patient')}</Table.Th>
                    <Table.Th>{t('cdi.surgeryKind')}</Table.Th>
                    <Table.Th>{t('cdi.procedure')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>
                        {s.person.name}
                        <Text size="xs" c="dimmed">
                          {formatDateTime(s.performedAt, i18n.language)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{t(`cdi.surgeryKinds.${s.kind}`)}</Table.Td>
                      <Table.Td>{s.procedure}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
    </Stack>
  );
}
