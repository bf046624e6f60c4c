import {
  Badge,
  Button,
  Card,
  Checkbox,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { RouterAnchor } from '../../ui/link-components';
import { QueryState } from '../../ui/query-state.component';
import { useEmergencies } from './cdi.resource';
import { PatientPicker } from './patient-picker.component';
import { useServiceSubmit } from './service-submit';

/** Records an emergency attention: a patient referred to the facility, or one who walked in without a referral. */
function EmergencyForm({ facilityId }: { facilityId: string }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { personId: '', triageLevel: 3, complaint: '', lifeSupport: false, outcome: 'discharged' },
    validate: {
      personId: (v) => (v ? null : t('cdi.patientRequired')),
      complaint: (v) => (v.trim() ? null : t('cdi.complaintRequired')),
    },
  });
  const { submit, pending } = useServiceSubmit(
    `/api/facilities/${facilityId}/emergencies`,
    form,
    t('cdi.emergencySaved'),
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('cdi.newEmergency')}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <PatientPicker
          walkIns
          facilityId={facilityId}
          value={form.values.personId}
          onChange={(v) => form.setFieldValue('personId', v)}
          error={form.errors.personId}
        />
        <NumberInput label={t('cdi.triage')} min={1} max={5} {...form.getInputProps('triageLevel')} />
        <TextInput label={t('cdi.complaint')} {...form.getInputProps('complaint')} />
        <Select
          label={t('cdi.emergencyOutcome')}
          allowDeselect={false}
          data={(['discharged', 'admitted', 'referred', 'died'] as const).map((o) => ({
            value: o,
            label: t(`cdi.emergencyOutcomes.${o}`),
          }))}
          {...form.getInputProps('outcome')}
        />
        <Checkbox label={t('cdi.lifeSupport')} mt="lg" {...form.getInputProps('lifeSupport', { type: 'checkbox' })} />
        <Button type="submit" mt="md" loading={pending}>
          {t('cdi.recordEmergency')}
        </Button>
      </SimpleGrid>
    </form>
  );
}

/** The emergency room (cuerpo de guardia): attend a patient, and the latest attentions. */
export function EmergencyView({ facilityId }: { facilityId: string }) {
  const { t, i18n } = useTranslation();
  const list = useEmergencies(facilityId);
  return (
    <Stack gap="md">
      <Card withBorder>
        <EmergencyForm facilityId={facilityId} />
      </Card>
      <QueryState query={list}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('cdi.noEmergencies')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('cdi.patient')}</Table.Th>
                    <Table.Th>{t('cdi.triage')}</Table.Th>
                    <Table.Th>{t('cdi.complaint')}</Table.Th>
                    <Table.Th>{t('cdi.emergencyOutcome')}</Table.Th>
                    <Table.Th>{t('cdi.lifeSupport')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td>
                        <RouterAnchor to="/persons/$personId" params={{ personId: e.person.id }} size="sm">
                          {e.person.name}
                        </RouterAnchor>
                        <Text size="xs" c="dimmed">
                          {formatDateTime(e.arrivedAt, i18n.language)}
                        </Text>
                      </Table.Td>
                      <Table.Td>{e.triageLevel}</Table.Td>
                      <Table.Td>{e.complaint}</Table.Td>
                      <Table.Td>{t(`cdi.emergencyOutcomes.${e.outcome}`)}</Table.Td>
                      <Table.Td>
                        {e.lifeSupport ? (
                          e.lifeSaved ? (
                            <Badge color="green">{t('cdi.lifeSaved')}</Badge>
                          ) : (
                            <Badge color="red">{t('cdi.yes')}</Badge>
                          )
                        ) : (
                          t('cdi.no')
                        )}
                      </Table.Td>
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
