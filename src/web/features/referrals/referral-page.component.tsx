import { Card, Group, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CAT_EXAMS, CDI_EXAMS } from '../../../modules/services/services.rules';
import { formatDateTime } from '../../ui/format';
import { RouterAnchor } from '../../ui/link-components';
import { PageHeader } from '../../ui/page-header.component';
import { QueryState } from '../../ui/query-state.component';
import { AdmissionList, AdmitForm } from '../cdi/admission.component';
import { useReferralAdmissions, useReferralExams } from '../cdi/cdi.resource';
import { ExamList, ExamOrderForm } from '../cdi/exam-list.component';
import { RehabPlanForm } from '../cdi/rehab.component';
import { useFacility } from '../facilities/facility.resource';
import { ReferralActions } from './referral-actions.component';
import { ReferralStatusBadge, UrgencyBadge } from './referral-labels';
import { useReferral, type ReferralDetail } from './referrals.resource';
import { useServiceName } from '../facilities/service-names';

const EXAMS: ReadonlySet<string> = new Set([...CDI_EXAMS, ...CAT_EXAMS]);

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label={title}>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {children}
    </Card>
  );
}

/** The steps so far, each with who took it and how long it waited. */
function Steps({ referral }: { referral: ReferralDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <Timeline active={referral.events.length} bulletSize={14} lineWidth={2} data-testid="referral-steps">
      <Timeline.Item title={t('referrals.statuses.sent')}>
        <Text size="xs" c="dimmed">
          {formatDateTime(referral.sentAt, i18n.language)} · {referral.referredBy}
        </Text>
      </Timeline.Item>
      {referral.events.map((e) => (
        <Timeline.Item key={e.step} title={t(`referrals.statuses.${e.step}`)}>
          <Text size="xs" c="dimmed">
            {formatDateTime(e.at, i18n.language)} · {e.by} · {t('referrals.waited', { hours: e.hoursWaited })}
          </Text>
          {e.refusalReason && <Text size="sm">{t(`referrals.refusalReasons.${e.refusalReason}`)}</Text>}
          {e.notes && <Text size="sm">{e.notes}</Text>}
          {e.findings && (
            <Stack gap={2} mt={4} data-testid="counter-referral">
              <Text size="sm">
                <b>{t('referrals.findings')}:</b> {e.findings}
              </Text>
              {e.treatment && (
                <Text size="sm">
                  <b>{t('referrals.treatment')}:</b> {e.treatment}
                </Text>
              )}
              {e.recommendations && (
                <Text size="sm">
                  <b>{t('referrals.recommendations')}:</b> {e.recommendations}
                </Text>
              )}
            </Stack>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/** What the receiving facility did for the patient: exams and admissions, and forms to do more. */
function CareAtFacility({ referral }: { referral: ReferralDetail }) {
  const { t, i18n } = useTranslation();
  const facility = useFacility(referral.to.id);
  const exams = useReferralExams(referral.id);
  const admissions = useReferralAdmissions(referral.id);
  const receiving = referral.side === 'receiving';
  const working = receiving && (referral.status === 'accepted' || referral.status === 'attended');
  const services = facility.data?.services ?? [];
  const examCodes = services
    .filter((s) => EXAMS.has(s.code))
    .map((s) => ({ code: s.code, name: i18n.language === 'en' ? s.nameEn : s.nameEs }));
  const hasBeds = (facility.data?.bedsWard ?? 0) + (facility.data?.bedsIcu ?? 0) > 0;
  const rehabModalities = services
    .filter((s) => s.area === 'rehabilitation' && s.code !== 'REHABILITATION_CONSULTATION')
    .map((s) => ({ code: s.code, name: i18n.language === 'en' ? s.nameEn : s.nameEs }));
  return (
    <>
      {(examCodes.length > 0 || (exams.data?.items.length ?? 0) > 0) && (
        <Section title={t('cdi.examsTitle')}>
          <Stack gap="sm">
            {working && examCodes.length > 0 && (
              <ExamOrderForm
                facilityId={referral.to.id}
                personId={referral.person.id}
                referralId={referral.id}
                examCodes={examCodes}
              />
            )}
            <QueryState query={exams}>{(data) => <ExamList exams={data.items} canReport={receiving} />}</QueryState>
          </Stack>
        </Section>
      )}
      {(hasBeds || (admissions.data?.items.length ?? 0) > 0) && (
        <Section title={t('cdi.admissionsTitle')}>
          <Stack gap="sm">
            {working && hasBeds && !admissions.data?.items.some((a) => !a.dischargedAt) && (
              <AdmitForm facilityId={referral.to.id} personId={referral.person.id} referralId={referral.id} />
            )}
            <QueryState query={admissions}>
              {(data) => <AdmissionList admissions={data.items} canWrite={receiving} />}
            </QueryState>
          </Stack>
        </Section>
      )}
      {working && rehabModalities.length > 0 && (
        <Section title={t('rehab.newPlan')}>
          <RehabPlanForm
            facilityId={referral.to.id}
            personId={referral.person.id}
            referralId={referral.id}
            defaultDiagnosis={referral.icd10.code}
            modalities={rehabModalities}
          />
        </Section>
      )}
    </>
  );
}

/** One referral: who, from where to where, why, every step so far, and what the caller can do next. */
export function ReferralPage({ referralId }: { referralId: string }) {
  const { t, i18n } = useTranslation();
  const serviceName = useServiceName();
  const referral = useReferral(referralId);
  return (
    <QueryState query={referral}>
      {(r) => (
        <Stack gap="md">
          <PageHeader
            title={t('referrals.title', { name: r.person.name })}
            above={
              <RouterAnchor to="/referrals" size="sm">
                {t('referrals.back')}
              </RouterAnchor>
            }
            subtitle={`${r.from.name} → ${r.to.name} · ${serviceName(r.serviceCode, r.serviceName)}`}
            actions={
              <Group gap="xs">
                <UrgencyBadge urgency={r.urgency} />
                <ReferralStatusBadge referral={r} />
              </Group>
            }
          />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Stack gap="md">
              <Section title={t('referrals.detail')}>
                <Stack gap={4}>
                  <Text size="sm">
                    <b>{t('referrals.reason')}:</b> {r.reason}
                  </Text>
                  <Text size="sm">
                    <b>{t('referrals.diagnosis')}:</b> {r.icd10.code} · {r.icd10.title}
                  </Text>
                  <Text size="sm">
                    <b>{t('referrals.answerDue')}:</b> {formatDateTime(r.answerDueAt, i18n.language)}
                  </Text>
                  <RouterAnchor to="/persons/$personId" params={{ personId: r.person.id }} size="sm">
                    {t('referrals.openRecord')}
                  </RouterAnchor>
                </Stack>
              </Section>
              <ReferralActions referral={r} />
              <Section title={t('referrals.stepsTitle')}>
                <Steps referral={r} />
              </Section>
            </Stack>
            <Stack gap="md">
              <CareAtFacility referral={r} />
            </Stack>
          </SimpleGrid>
        </Stack>
      )}
    </QueryState>
  );
}
