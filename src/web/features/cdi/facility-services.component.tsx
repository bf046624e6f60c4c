import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header.component';
import { QueryState } from '../../ui/query-state.component';
import { focusFirstInvalidField, showServerErrors } from '../../ui/server-errors';
import { useMyPostId } from '../census/census.resource';
import { useFacility, type FacilityDetail } from '../facilities/facility.resource';
import { useReferralList } from '../referrals/referrals.resource';
import { DischargeForm } from './admission.component';
import {
  useBedBoard,
  useEmergencies,
  useFacilityExams,
  useRehabPlans,
  useServiceWrite,
  useSurgeries,
} from './cdi.resource';
import { ExamList } from './exam-list.component';
import { RehabPlanList } from './rehab.component';

/** Beds by unit with who is in them; each patient can be moved or discharged. */
function BedBoardView({ facilityId }: { facilityId: string }) {
  const { t, i18n } = useTranslation();
  const board = useBedBoard(facilityId);
  return (
    <QueryState query={board}>
      {(data) => (
        <SimpleGrid cols={{ base: 1, md: 2 }} data-testid="bed-board">
          {data.units.map((unit) => (
            <Card key={unit.unit} withBorder component="section" aria-label={t(`cdi.units.${unit.unit}`)}>
              <Group justify="space-between" mb={4}>
                <Title order={2} size="h4">
                  {t(`cdi.units.${unit.unit}`)}
                </Title>
                <Badge color={unit.free === 0 ? 'red' : 'teal'}>
                  {t('cdi.bedsOccupied', { occupied: unit.occupied, beds: unit.beds })}
                </Badge>
              </Group>
              <Progress
                value={unit.occupancy * 100}
                color={unit.free === 0 ? 'red' : 'teal'}
                mb="sm"
                aria-label={t('cdi.occupancy')}
              />
              <Stack gap="xs">
                {unit.patients.length === 0 && (
                  <Text c="dimmed" size="sm">
                    {t('cdi.allFree')}
                  </Text>
                )}
                {unit.patients.map((p) => (
                  <Card key={p.id} withBorder p="xs">
                    <Text fw={600} size="sm">
                      {p.person.name}
                      {p.lifeSupport && (
                        <Badge ml="xs" size="xs" color="red">
                          {t('cdi.lifeSupport')}
                        </Badge>
                      )}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {p.reason} · {t('cdi.admittedAt', { date: formatDateTime(p.admittedAt, i18n.language) })} ·{' '}
                      {t('cdi.days', { count: p.days })}
                    </Text>
                    <DischargeForm admission={p} />
                  </Card>
                ))}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </QueryState>
  );
}

/** A patient referred to the facility, chosen by name: who its emergency room and operating room may record. */
function ReferredPatientSelect({
  facilityId,
  value,
  onChange,
  error,
}: {
  facilityId: string;
  value: string;
  onChange: (personId: string) => void;
  error: ReactNode;
}) {
  const { t } = useTranslation();
  const referred = useReferralList(facilityId, 'received', 'all');
  const people = new Map((referred.data?.items ?? []).map((r) => [r.person.id, r.person.name]));
  return (
    <Select
      label={t('cdi.patient')}
      searchable
      data={[...people].map(([id, name]) => ({ value: id, label: name }))}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      error={error}
    />
  );
}

/** Submits a form to a facility's service route: a notice when saved, the server's field errors when not. */
function useServiceSubmit<Values extends Record<string, unknown>>(
  path: string,
  form: UseFormReturnType<Values>,
  savedMessage: string,
) {
  const { t } = useTranslation();
  const record = useServiceWrite<Values>(path);
  const submit = form.onSubmit(
    (values) =>
      record.mutate(values, {
        onSuccess: () => {
          notifications.show({ color: 'green', message: savedMessage });
          form.reset();
        },
        onError: (error) => showServerErrors(error, form, Object.keys(values), t),
      }),
    focusFirstInvalidField,
  );
  return { submit, pending: record.isPending };
}

/** Records an emergency attention for a patient referred to the facility. */
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
        <ReferredPatientSelect
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

function EmergencyView({ facilityId }: { facilityId: string }) {
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
                        {e.person.name}
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

const SURGERY_KINDS = ['major_emergency', 'major_elective', 'minor'] as const;

/** The operating room: record a surgery of a patient referred here, and the latest ones. */
function SurgeryView({ facilityId }: { facilityId: string }) {
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
            <ReferredPatientSelect
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

function ExamView({ facilityId }: { facilityId: string }) {
  const exams = useFacilityExams(facilityId, false);
  return <QueryState query={exams}>{(data) => <ExamList exams={data.items} canReport showPerson />}</QueryState>;
}

function RehabView({ facility }: { facility: FacilityDetail }) {
  const { i18n } = useTranslation();
  const plans = useRehabPlans(facility.id);
  const names = new Map(facility.services.map((s) => [s.code, i18n.language === 'en' ? s.nameEn : s.nameEs]));
  return <QueryState query={plans}>{(data) => <RehabPlanList plans={data.items} names={names} />}</QueryState>;
}

/** The tabs a facility's services call for: beds, emergencies, exams, rehabilitation. */
function ServiceTabs({ facility }: { facility: FacilityDetail }) {
  const { t } = useTranslation();
  const has = (code: string) => facility.services.some((s) => s.code === code);
  const tabs = [
    facility.bedsWard + facility.bedsIcu > 0 && 'beds',
    has('EMERGENCY_ROOM') && 'emergencies',
    has('OPERATING_ROOM') && 'surgeries',
    facility.services.some((s) => s.area === 'diagnostic' || s.area === 'high_technology') && 'exams',
    facility.services.some((s) => s.area === 'rehabilitation') && 'rehab',
  ].filter((tab): tab is string => !!tab);
  if (tabs.length === 0) return <Text c="dimmed">{t('cdi.noServices')}</Text>;
  return (
    <Tabs defaultValue={tabs[0]} keepMounted={false}>
      <Tabs.List mb="md">
        {tabs.map((tab) => (
          <Tabs.Tab key={tab} value={tab}>
            {t(`cdi.tabs.${tab}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value="beds">
        <BedBoardView facilityId={facility.id} />
      </Tabs.Panel>
      <Tabs.Panel value="emergencies">
        <EmergencyView facilityId={facility.id} />
      </Tabs.Panel>
      <Tabs.Panel value="surgeries">
        <SurgeryView facilityId={facility.id} />
      </Tabs.Panel>
      <Tabs.Panel value="exams">
        <ExamView facilityId={facility.id} />
      </Tabs.Panel>
      <Tabs.Panel value="rehab">
        <RehabView facility={facility} />
      </Tabs.Panel>
    </Tabs>
  );
}

function FacilityServices({ facilityId }: { facilityId: string }) {
  const { t } = useTranslation();
  const facility = useFacility(facilityId);
  return (
    <QueryState query={facility}>
      {(f) => (
        <Stack gap="md">
          <PageHeader title={t('cdi.title')} subtitle={f.name} />
          <ServiceTabs facility={f} />
        </Stack>
      )}
    </QueryState>
  );
}

/** "Servicios del centro": the CDI's, SRI's, CAT's or hospital's own work. */
export function FacilityServicesPage() {
  const { t } = useTranslation();
  const facilityId = useMyPostId();
  if (!facilityId) return <Text>{t('census.noPost')}</Text>;
  return <FacilityServices facilityId={facilityId} />;
}
