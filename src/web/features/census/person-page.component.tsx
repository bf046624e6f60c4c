import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, todayInCaracas } from '../../ui/format';
import { RouterAnchor, RouterButton } from '../../ui/link-components';
import { PageHeader } from '../../ui/page-header.component';
import { QueryState } from '../../ui/query-state.component';
import { useMe, usePermission } from '../auth/session.resource';
import { DeathForm } from '../care/death-form.component';
import { ImmunizationCardView } from '../care/immunization-card.component';
import { MaternalCard, type MaternalAction } from '../care/maternal-card.component';
import { ExamOrderFromPost } from '../exams/exam-order-form.component';
import { PersonTimeline } from '../care/timeline.component';
import { describeAge, describeBirthDate, fullName } from './census-labels';
import { usePerson, useWorksAtPost, type PersonRecord } from './census.resource';
import { ClassificationForm } from './classification-form.component';
import { LivingConditions } from './household-page.component';
import type { PersonSearch } from './person-search';

function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Card withBorder p={{ base: 'sm', sm: 'md' }} component="section" aria-label={title}>
      <Group justify="space-between" mb="xs" gap="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}

function Classification({
  person,
  open,
  onOpen,
}: {
  person: PersonRecord;
  open: boolean;
  onOpen: (open: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const canWrite = usePermission('census.write');
  const { current, overdue, nextClassificationDue } = person.dispensarization;
  return (
    <Section
      title={t('classification.title')}
      action={
        canWrite &&
        !open &&
        person.vitalStatus === 'alive' && (
          <Button size="compact-sm" variant="light" onClick={() => onOpen(true)}>
            {t('classification.classify')}
          </Button>
        )
      }
    >
      <Stack gap="xs">
        {current ? (
          <Text size="sm">
            <Badge mr="xs">{t('classification.groupLabel', { group: current.groupLabel })}</Badge>
            {t('classification.by', {
              name: current.classifiedBy,
              date: formatDate(current.classifiedOn, i18n.language),
            })}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('classification.never')}
          </Text>
        )}
        {current && current.riskFactors.length + current.chronicConditions.length > 0 && (
          <Text size="xs" c="dimmed">
            {[
              ...current.riskFactors.map((r) => t(`censusCodes.riskFactors.${r}`)),
              ...current.chronicConditions.map((c) => `${c.code} ${c.title}`),
            ].join(' · ')}
          </Text>
        )}
        {overdue && (
          <Text size="sm" c="orange.8">
            {t('classification.overdue', { date: formatDate(nextClassificationDue, i18n.language) })}
          </Text>
        )}
        {open && <ClassificationForm personId={person.id} onDone={() => onOpen(false)} />}
      </Stack>
    </Section>
  );
}

/** A person's record: who they are, where they live, their group, their whole story, vaccines and pregnancy. */
export function PersonPage({
  personId,
  search,
  onSearchChange,
}: {
  personId: string;
  search: PersonSearch;
  onSearchChange: (next: PersonSearch) => void;
}) {
  const { t, i18n } = useTranslation();
  const person = usePerson(personId);
  const me = useMe();
  const mayWrite = usePermission('care.write');
  const open = (action: PersonSearch['action'] | null) => onSearchChange(action ? { action } : {});
  // Home visits are a post's; a CDI holds the people it registered at its emergency room, not their homes.
  const atPost = useWorksAtPost(person.data?.facilityId ?? '');
  const maternalAction = (['pregnancy', 'control', 'birth'] as const).find((a) => a === search.action) ?? null;

  return (
    <QueryState query={person}>
      {(p) => {
        // A CDI or hospital that has the person in its care reads this record; it writes its own.
        const canCare = mayWrite && me.roles.some((role) => role.facilityId === p.facilityId);
        const alive = p.vitalStatus === 'alive';
        const canBePregnant = p.sex === 'F' && p.age >= 10 && p.age <= 55 && alive;
        return (
          <Stack gap="md">
            <PageHeader
              title={fullName(p)}
              subtitle={[
                t(`person.sexes.${p.sex}`),
                describeAge(p.birthDate, p.age, todayInCaracas(), t),
                describeBirthDate(p, i18n.language, t),
                p.nationalId ?? t('person.noNationalId'),
              ].join(' · ')}
              above={
                <RouterAnchor to="/census/households/$householdId" params={{ householdId: p.household.id }} size="sm">
                  {p.household.address ?? t('census.addressUnknown')}
                </RouterAnchor>
              }
              actions={
                canCare &&
                alive && (
                  <>
                    <RouterButton
                      to="/persons/$personId/encounters/new"
                      params={{ personId }}
                      search={{ setting: 'post' }}
                    >
                      {t('encounter.new')}
                    </RouterButton>
                    {atPost && (
                      <RouterButton
                        variant="light"
                        to="/persons/$personId/encounters/new"
                        params={{ personId }}
                        search={{ setting: 'home_visit' }}
                      >
                        {t('encounter.homeVisit')}
                      </RouterButton>
                    )}
                    <RouterButton
                      variant="light"
                      color="grape"
                      to="/persons/$personId/referrals/new"
                      params={{ personId }}
                    >
                      {t('referrals.refer')}
                    </RouterButton>
                    <Button variant="light" color="indigo" onClick={() => open('exam')}>
                      {t('exams.order')}
                    </Button>
                  </>
                )
              }
            />
            {!alive && (
              <Alert color="gray" title={t('death.deceased')}>
                {p.diedOn && formatDate(p.diedOn, i18n.language)}
              </Alert>
            )}
            {p.possibleDuplicates.length > 0 && (
              <Alert color="yellow" title={t('person.possibleDuplicate')}>
                {p.possibleDuplicates
                  .map((d) => `${fullName(d.other)} (${formatDate(d.other.birthDate, i18n.language)})`)
                  .join(', ')}
              </Alert>
            )}
            {canCare && alive && search.action === 'exam' && (
              <Section title={t('exams.order')}>
                <ExamOrderFromPost personId={personId} onDone={() => open(null)} />
              </Section>
            )}
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <Stack gap="md">
                <Classification
                  person={p}
                  open={search.action === 'classify'}
                  onOpen={(o) => open(o ? 'classify' : null)}
                />
                <Section title={t('vaccines.title')}>
                  <ImmunizationCardView
                    personId={personId}
                    canWrite={canCare && alive}
                    choice={
                      search.action === 'dose' && search.vaccine && search.dose
                        ? { vaccineCode: search.vaccine, doseNumber: search.dose }
                        : null
                    }
                    onChoose={(choice) =>
                      onSearchChange(
                        choice ? { action: 'dose', vaccine: choice.vaccineCode, dose: choice.doseNumber } : {},
                      )
                    }
                  />
                </Section>
                {(canBePregnant || maternalAction) && (
                  <Section title={t('pregnancy.title')}>
                    <MaternalCard
                      personId={personId}
                      canWrite={canCare}
                      action={maternalAction}
                      onAction={(a: MaternalAction | null) => open(a)}
                    />
                  </Section>
                )}
              </Stack>
              <Stack gap="md">
                <Section title={t('timeline.title')}>
                  <PersonTimeline personId={personId} />
                </Section>
                {p.readLog && (
                  <Section title={t('person.readLog')}>
                    <Stack gap={2} data-testid="read-log">
                      {p.readLog.items.slice(0, 10).map((r, i) => (
                        <Text size="sm" key={i}>
                          {r.displayName} · {formatDateTime(r.at, i18n.language)}
                        </Text>
                      ))}
                      {p.readLog.total > 10 && (
                        <Text size="xs" c="dimmed">
                          {t('person.readLogMore', { count: p.readLog.total - 10 })}
                        </Text>
                      )}
                    </Stack>
                  </Section>
                )}
                <Section title={t('person.household')}>
                  <Text size="sm" mb="xs">
                    {[p.household.address ?? t('census.addressUnknown'), p.household.sectorName, p.household.parishName]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                  <Text size="xs" c="dimmed" mb="xs">
                    {[t(`censusCodes.relationships.${p.relationship}`), p.family?.name].filter(Boolean).join(' · ')}
                  </Text>
                  <LivingConditions household={p.household} />
                </Section>
                {canCare && alive && (
                  <Group justify="flex-end">
                    {search.action === 'death' ? null : (
                      <Button variant="subtle" color="dark" size="compact-sm" onClick={() => open('death')}>
                        {t('death.title')}
                      </Button>
                    )}
                  </Group>
                )}
                {canCare && alive && search.action === 'death' && (
                  <DeathForm personId={personId} onDone={() => open(null)} />
                )}
              </Stack>
            </SimpleGrid>
          </Stack>
        );
      }}
    </QueryState>
  );
}
