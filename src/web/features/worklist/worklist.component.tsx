import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { RouterAnchor } from '../../ui/link-components';
import { PageHeader } from '../../ui/page-header.component';
import { QueryState } from '../../ui/query-state.component';
import { useMyPostId } from '../census/census.resource';
import { useWorklist, type WorklistItem } from './worklist.resource';
import { useServiceName } from '../facilities/service-names';

const KINDS: WorklistItem['kind'][] = [
  'exam_result_to_read',
  'counter_referral_received',
  'referral_refused',
  'referral_overdue',
  'vaccine_overdue',
  'vaccine_due',
  'prenatal_control_due',
  'group_iii_not_seen',
  'household_not_visited',
  'household_not_surveyed',
  'classification_overdue',
];

/** The link that opens the form clearing an item: the dose, the control, the encounter, the classification. */
function ItemLink({ item }: { item: WorklistItem }) {
  const { t } = useTranslation();
  const label = item.name;
  if (!item.personId) {
    return (
      <RouterAnchor to="/census/households/$householdId" params={{ householdId: item.householdId }} fw={600}>
        {label}
      </RouterAnchor>
    );
  }
  const personId = item.personId;
  switch (item.kind) {
    case 'counter_referral_received':
    case 'referral_refused':
    case 'referral_overdue':
      return (
        <RouterAnchor to="/referrals/$referralId" params={{ referralId: item.detail.referralId }} fw={600}>
          {label}
        </RouterAnchor>
      );
    case 'exam_result_to_read':
      return (
        <RouterAnchor to="/persons/$personId" params={{ personId }} fw={600}>
          {label}
        </RouterAnchor>
      );
    case 'vaccine_due':
    case 'vaccine_overdue':
      return (
        <RouterAnchor
          to="/persons/$personId"
          params={{ personId }}
          search={{ action: 'dose', vaccine: item.detail.vaccineCode, dose: item.detail.doseNumber }}
          fw={600}
        >
          {label}
        </RouterAnchor>
      );
    case 'prenatal_control_due':
      return (
        <RouterAnchor to="/persons/$personId" params={{ personId }} search={{ action: 'control' }} fw={600}>
          {label}
        </RouterAnchor>
      );
    case 'classification_overdue':
      return (
        <RouterAnchor to="/persons/$personId" params={{ personId }} search={{ action: 'classify' }} fw={600}>
          {label}
        </RouterAnchor>
      );
    case 'group_iii_not_seen':
    case 'household_not_visited':
      return (
        <RouterAnchor
          to="/persons/$personId/encounters/new"
          params={{ personId }}
          search={{ setting: item.kind === 'household_not_visited' ? 'home_visit' : 'post' }}
          fw={600}
          aria-label={`${label}: ${t(`worklist.actions.${item.kind}`)}`}
        >
          {label}
        </RouterAnchor>
      );
  }
}

function ItemDetail({ item }: { item: WorklistItem }) {
  const { t, i18n } = useTranslation();
  const serviceName = useServiceName();
  const date = (d: string | null) => (d ? formatDate(d, i18n.language) : t('common.none'));
  switch (item.kind) {
    case 'counter_referral_received':
    case 'referral_refused':
    case 'referral_overdue':
      return <>{`${item.detail.facilityName} · ${serviceName(item.detail.serviceCode, item.detail.serviceName)}`}</>;
    case 'exam_result_to_read':
      return (
        <>
          {`${serviceName(item.detail.examCode, item.detail.examName)} · ${item.detail.facilityName}`}
          {item.detail.abnormal && (
            <Badge ml="xs" size="sm" color="orange">
              {t('cdi.abnormal')}
            </Badge>
          )}
        </>
      );
    case 'vaccine_due':
    case 'vaccine_overdue':
      return <>{`${item.detail.vaccineName} · ${item.detail.doseLabel}`}</>;
    case 'prenatal_control_due':
      return (
        <>
          {t('worklist.prenatal', {
            weeks: Math.floor(item.detail.gestationalWeeks),
            last: date(item.detail.lastControlOn),
          })}
        </>
      );
    case 'group_iii_not_seen':
      return (
        <>
          {item.detail.lastSeenOn
            ? t('worklist.lastSeen', { date: date(item.detail.lastSeenOn) })
            : t('worklist.notSeen')}
        </>
      );
    case 'household_not_visited':
    case 'household_not_surveyed':
      return <>{t('worklist.householdMembers', { count: item.detail.members })}</>;
    case 'classification_overdue':
      return (
        <>
          {item.detail.lastClassifiedOn
            ? t('worklist.lastClassified', { date: date(item.detail.lastClassifiedOn) })
            : t('classification.never')}
        </>
      );
  }
}

/** "Pendientes de hoy": what is due at the post, grouped by kind, each item opening the form that clears it. */
export function WorklistPage() {
  const { t, i18n } = useTranslation();
  const postId = useMyPostId();
  const worklist = useWorklist(postId ?? '');
  if (!postId) return <Text>{t('census.noPost')}</Text>;
  return (
    <Stack gap="md">
      <PageHeader title={t('worklist.title')} subtitle={t('worklist.subtitle')} />
      <QueryState query={worklist}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('worklist.empty')}</Text>
          ) : (
            <Stack gap="md">
              {KINDS.map((kind) => {
                const items = data.items.filter((item) => item.kind === kind);
                if (items.length === 0) return null;
                return (
                  <Card
                    key={kind}
                    withBorder
                    p={{ base: 'sm', sm: 'md' }}
                    component="section"
                    aria-label={t(`worklist.kinds.${kind}`)}
                  >
                    <Group justify="space-between" mb="xs">
                      <Title order={2} size="h4">
                        {t(`worklist.kinds.${kind}`)}
                      </Title>
                      <Badge
                        color={
                          kind === 'vaccine_overdue' || kind === 'referral_refused' || kind === 'referral_overdue'
                            ? 'red'
                            : 'teal'
                        }
                      >
                        {data.counts[kind] ?? items.length}
                      </Badge>
                    </Group>
                    <Stack gap={6} data-testid={`worklist-${kind}`}>
                      {items.map((item, index) => (
                        <div key={`${item.personId ?? item.householdId}-${index}`}>
                          <ItemLink item={item} />
                          <Text size="sm">
                            <ItemDetail item={item} />
                          </Text>
                          <Text size="xs" c="dimmed">
                            {t('worklist.dueSince', { date: formatDate(item.dueOn, i18n.language) })}
                          </Text>
                        </div>
                      ))}
                    </Stack>
                  </Card>
                );
              })}
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}
