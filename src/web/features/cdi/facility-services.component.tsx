import { Badge, Card, Group, Progress, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/page-header.component';
import { QueryState } from '../../ui/query-state.component';
import { useMyPostId } from '../census/census.resource';
import { useFacility, type FacilityDetail } from '../facilities/facility.resource';
import { DischargeForm } from './admission.component';
import { useBedBoard, useFacilityExams, useRehabPlans } from './cdi.resource';
import { DeliveryView } from './delivery.component';
import { EmergencyView } from './emergency.component';
import { ExamList } from './exam-list.component';
import { RehabPlanList } from './rehab.component';
import { SurgeryView } from './surgery.component';

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

/** The tabs a facility's services call for: beds, emergencies, operating room, deliveries, exams, rehabilitation. */
function ServiceTabs({ facility }: { facility: FacilityDetail }) {
  const { t } = useTranslation();
  const has = (code: string) => facility.services.some((s) => s.code === code);
  const tabs = [
    facility.bedsWard + facility.bedsIcu > 0 && 'beds',
    has('EMERGENCY_ROOM') && 'emergencies',
    has('OPERATING_ROOM') && 'surgeries',
    has('OBSTETRICS_DELIVERY') && 'deliveries',
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
      <Tabs.Panel value="deliveries">
        <DeliveryView facilityId={facility.id} />
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
