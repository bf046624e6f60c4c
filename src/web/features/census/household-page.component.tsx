import { Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, todayInCaracas } from '../../ui/format';
import { RouterAnchor, RouterButton } from '../../ui/link-components';
import { PageHeader } from '../../ui/page-header.component';
import { QueryState } from '../../ui/query-state.component';
import { usePermission } from '../auth/session.resource';
import { describeAge, describeBirthDate, fullName } from './census-labels';
import { useHousehold, useWorksAtPost, type HouseholdDetail } from './census.resource';
import { HouseholdSurveyForm } from './household-survey-form.component';
import { CODED_CONDITIONS } from './living-conditions-fields.component';

/**
 * How a household lives, in a few words: water, sanitation, light, floor, rooms — or that nobody
 * has surveyed it yet, which is neither having nor lacking any of them.
 */
export function LivingConditions({
  household,
}: {
  household: Pick<
    HouseholdDetail,
    | 'conditionsSurveyed'
    | 'waterSource'
    | 'sanitation'
    | 'electricity'
    | 'floor'
    | 'wasteDisposal'
    | 'vectors'
    | 'rooms'
    | 'overcrowding'
  >;
}) {
  const { t } = useTranslation();
  if (!household.conditionsSurveyed) {
    return (
      <Group gap="xs" data-testid="conditions-not-surveyed">
        <Badge color="gray" variant="light">
          {t('census.notSurveyed')}
        </Badge>
        <Text size="sm" c="dimmed">
          {t('census.conditionsNotSurveyed')}
        </Text>
      </Group>
    );
  }
  const rows: [string, string][] = [
    ...CODED_CONDITIONS.map(([field, codes]): [string, string] => [
      t(`householdForm.${field}`),
      t(`censusCodes.${codes}.${household[field]}`),
    ]),
    [
      t('householdForm.vectors'),
      (household.vectors ?? []).map((v) => t(`censusCodes.vectors.${v}`)).join(', ') || t('common.none'),
    ],
    [
      t('householdForm.rooms'),
      t('census.personsPerRoom', { rooms: household.rooms, ratio: household.overcrowding?.personsPerRoom }),
    ],
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
      {rows.map(([label, value]) => (
        <div key={label}>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text size="sm">{value}</Text>
        </div>
      ))}
      {household.overcrowding?.critical && <Badge color="orange">{t('census.overcrowded')}</Badge>}
    </SimpleGrid>
  );
}

/** A household: where it is, how it lives and who lives there, each member opening their record. */
export function HouseholdPage({ householdId }: { householdId: string }) {
  const { t, i18n } = useTranslation();
  const household = useHousehold(householdId);
  const canCare = usePermission('care.write');
  const atPost = useWorksAtPost(household.data?.facilityId ?? '');
  const canSurvey = usePermission('census.write');
  const [surveying, setSurveying] = useState(false);
  return (
    <QueryState query={household}>
      {(h) => (
        <Stack gap="md">
          <PageHeader
            title={h.address ?? t('census.addressUnknown')}
            subtitle={[h.sectorName, h.families.map((f) => f.name).join(', ')].filter(Boolean).join(' · ')}
            above={
              atPost ? (
                <RouterAnchor to="/census" size="sm">
                  {t('census.title')}
                </RouterAnchor>
              ) : (
                <Text size="sm">{h.facilityName}</Text>
              )
            }
          />
          <Card withBorder p={{ base: 'sm', sm: 'md' }}>
            <Text fw={600} mb="xs">
              {t('householdForm.members')}
            </Text>
            <Stack gap="xs">
              {h.members.map((m) => (
                <Group key={m.id} justify="space-between" gap="xs" wrap="nowrap">
                  <div style={{ minWidth: 0 }}>
                    <RouterAnchor to="/persons/$personId" params={{ personId: m.id }} fw={600}>
                      {fullName(m)}
                    </RouterAnchor>
                    <Text size="xs" c="dimmed">
                      {[
                        t(`censusCodes.relationships.${m.relationship}`),
                        t(`person.sexes.${m.sex}`),
                        describeAge(m.birthDate, m.age, todayInCaracas(), t),
                        describeBirthDate(m, i18n.language, t),
                      ].join(' · ')}
                    </Text>
                  </div>
                  {canCare && atPost && m.vitalStatus === 'alive' && (
                    <RouterButton
                      size="compact-sm"
                      variant="light"
                      style={{ flexShrink: 0 }}
                      to="/persons/$personId/encounters/new"
                      params={{ personId: m.id }}
                      search={{ setting: 'home_visit' }}
                    >
                      {t('encounter.homeVisit')}
                    </RouterButton>
                  )}
                </Group>
              ))}
            </Stack>
          </Card>
          <Card withBorder p={{ base: 'sm', sm: 'md' }}>
            <Group justify="space-between" mb="xs">
              <Text fw={600}>{t('householdForm.conditions')}</Text>
              {!h.conditionsSurveyed && canSurvey && !surveying && (
                <Button size="compact-sm" variant="light" onClick={() => setSurveying(true)}>
                  {t('census.survey')}
                </Button>
              )}
            </Group>
            {surveying ? (
              <HouseholdSurveyForm householdId={h.id} onDone={() => setSurveying(false)} />
            ) : (
              <LivingConditions household={h} />
            )}
            <Text size="xs" c="dimmed" mt="xs">
              {t('census.registeredBy', { name: h.registeredBy, date: formatDate(h.registeredOn, i18n.language) })}
            </Text>
          </Card>
        </Stack>
      )}
    </QueryState>
  );
}
