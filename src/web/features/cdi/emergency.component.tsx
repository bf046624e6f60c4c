import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../ui/format';
import { RouterAnchor } from '../../ui/link-components';
import { QueryState } from '../../ui/query-state.component';
import { fullName } from '../census/census-labels';
import { useEmergencies, type RegisteredWalkIn, type WalkIn } from './cdi.resource';
import { PatientPicker, walkInLabel } from './patient-picker.component';
import { useServiceSubmit } from './service-submit';
import { WalkInForm } from './walk-in-form.component';

/** Who was just registered, and the people the centre serves who may be the same person. */
function Registered({ registered, onAttend }: { registered: RegisteredWalkIn; onAttend: (person: WalkIn) => void }) {
  const { t, i18n } = useTranslation();
  const { person, possibleDuplicates } = registered;
  return (
    <Stack gap="xs" mb="sm">
      <Alert color="green" title={t('walkIn.registered', { name: fullName(person) })}>
        {t('walkIn.registeredNext')}
      </Alert>
      {possibleDuplicates.length > 0 && (
        <Alert color="yellow" title={t('walkIn.possibleDuplicates')} data-testid="walk-in-duplicates">
          <Stack gap={4}>
            <Text size="sm">{t('walkIn.possibleDuplicatesHint')}</Text>
            {possibleDuplicates.map((candidate) => (
              <Group key={candidate.id} justify="space-between" gap="xs">
                <Text size="sm">{walkInLabel(candidate, i18n.language)}</Text>
                <Button size="compact-sm" variant="light" onClick={() => onAttend(candidate)}>
                  {t('walkIn.attendExisting', { name: candidate.name })}
                </Button>
              </Group>
            ))}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}

/**
 * Records an emergency attention: a patient referred to the facility, one who walked in without
 * a referral, or — when the search finds nobody — one registered here and now, who is attended
 * straight after.
 */
function EmergencyForm({ facilityId }: { facilityId: string }) {
  const { t, i18n } = useTranslation();
  const [registering, setRegistering] = useState<string | null>(null);
  const [registered, setRegistered] = useState<RegisteredWalkIn | null>(null);
  const [known, setKnown] = useState<{ id: string; label: string }[]>([]);
  const complaint = useRef<HTMLInputElement>(null);
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
    undefined,
    undefined,
    () => setRegistered(null),
  );
  const attend = (person: WalkIn, label = walkInLabel(person, i18n.language)) => {
    setKnown((list) => [...list, { id: person.id, label }]);
    form.setFieldValue('personId', person.id);
    setRegistering(null);
    requestAnimationFrame(() => complaint.current?.focus());
  };
  if (registering !== null) {
    return (
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('walkIn.title')}
        </Title>
        <WalkInForm
          facilityId={facilityId}
          search={registering}
          onCancel={() => setRegistering(null)}
          onAttendExisting={attend}
          onRegistered={(result) => {
            const { person } = result;
            const born = person.birthDateEstimated
              ? t('walkIn.aboutAge', { count: person.age })
              : formatDate(person.birthDate, i18n.language);
            const label = [fullName(person), person.nationalId ?? born, t('walkIn.registeredHere')].join(' · ');
            setRegistered(result);
            attend({ ...person, name: fullName(person), postName: '' }, label);
          }}
        />
      </Stack>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t('cdi.newEmergency')}>
      {registered && <Registered registered={registered} onAttend={attend} />}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <PatientPicker
          walkIns
          facilityId={facilityId}
          value={form.values.personId}
          onChange={(v) => form.setFieldValue('personId', v)}
          error={form.errors.personId}
          known={known}
          onRegister={setRegistering}
        />
        <NumberInput label={t('cdi.triage')} min={1} max={5} {...form.getInputProps('triageLevel')} />
        <TextInput ref={complaint} label={t('cdi.complaint')} {...form.getInputProps('complaint')} />
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
