import {
  Alert,
  Badge,
  Card,
  Group,
  Pagination,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../../i18n/i18n';
import { formatDate, formatNumber } from '../../ui/format';
import { RouterAnchor, RouterButton } from '../../ui/link-components';
import { PageHeader } from '../../ui/page-header.component';
import { QueryState } from '../../ui/query-state.component';
import { usePhoneLayout } from '../../ui/use-phone-layout';
import { usePermission } from '../auth/session.resource';
import { useCensus, useMyPostId, type CensusOverview, type CensusSearch } from './census.resource';

const GROUPS = ['I', 'II', 'III', 'IV', 'unclassified'] as const;

function Progressbar({ overview }: { overview: CensusOverview }) {
  const { t, i18n } = useTranslation();
  const percent = new Intl.NumberFormat(intlLocale(i18n.language), { maximumFractionDigits: 1 }).format(
    overview.coveragePercent,
  );
  return (
    <Card withBorder p={{ base: 'sm', sm: 'md' }}>
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Text fw={600}>{t('census.progress')}</Text>
          <Text fw={700} data-testid="census-coverage">
            {t('census.coverage', { percent })}
          </Text>
        </Group>
        <Progress value={Math.min(100, overview.coveragePercent)} size="lg" aria-label={t('census.progress')} />
        <Text size="sm" c="dimmed">
          {t('census.familiesOfTarget', {
            families: formatNumber(overview.families, i18n.language),
            target: formatNumber(overview.target.families, i18n.language),
          })}{' '}
          {overview.target.source === 'planning_rule' && t('census.targetByRule')}
        </Text>
        <Text size="sm">
          {t('census.householdsFound', { count: overview.households })} ·{' '}
          {t('census.personsCount', { count: overview.persons })}
          {overview.householdsNotSurveyed > 0 &&
            ` · ${t('census.householdsNotSurveyed', { count: overview.householdsNotSurveyed })}`}
        </Text>
      </Stack>
    </Card>
  );
}

function Groups({ overview }: { overview: CensusOverview }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder p={{ base: 'sm', sm: 'md' }}>
      <Text fw={600} mb="xs">
        {t('census.byGroup')}
      </Text>
      <SimpleGrid cols={{ base: 3, sm: 5 }} spacing="xs">
        {GROUPS.map((group) => (
          <Stack key={group} gap={0} align="center">
            <Text size="xl" fw={700}>
              {formatNumber(overview.personsByGroup[group], i18n.language)}
            </Text>
            <Text size="xs" c="dimmed" ta="center">
              {t(`census.group.${group}`)}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      {overview.classificationsDue > 0 && (
        <Text size="sm" mt="xs" c="orange.8">
          {t('census.classificationsDue', { count: overview.classificationsDue })}
        </Text>
      )}
    </Card>
  );
}

function Households({ overview }: { overview: CensusOverview }) {
  const { t, i18n } = useTranslation();
  const phone = usePhoneLayout();
  const items = overview.householdPage.items;
  if (items.length === 0) return <Text c="dimmed">{t('census.noHouseholds')}</Text>;
  // A household nobody surveyed is neither overcrowded nor not: it says so instead.
  const crowded = (h: CensusOverview['householdPage']['items'][number]) =>
    !h.conditionsSurveyed ? (
      <Badge color="gray" variant="light" size="sm">
        {t('census.notSurveyed')}
      </Badge>
    ) : (
      h.overcrowding?.critical && (
        <Badge color="orange" size="sm">
          {t('census.overcrowded')}
        </Badge>
      )
    );
  if (phone) {
    return (
      <Stack gap="xs" data-testid="household-list">
        {items.map((h) => (
          <Card key={h.id} withBorder p="xs">
            <RouterAnchor to="/census/households/$householdId" params={{ householdId: h.id }} fw={600}>
              {h.head ?? h.address ?? t('census.addressUnknown')}
            </RouterAnchor>
            <Text size="sm">{h.address ?? t('census.addressUnknown')}</Text>
            <Group gap="xs">
              <Text size="xs" c="dimmed">
                {[h.sectorName, t('census.membersCount', { count: h.members })].filter(Boolean).join(' · ')}
              </Text>
              {crowded(h)}
            </Group>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Table striped data-testid="household-list">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('census.head')}</Table.Th>
          <Table.Th>{t('census.address')}</Table.Th>
          <Table.Th>{t('census.sector')}</Table.Th>
          <Table.Th>{t('census.members')}</Table.Th>
          <Table.Th>{t('census.registeredOn')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((h) => (
          <Table.Tr key={h.id}>
            <Table.Td>
              <RouterAnchor to="/census/households/$householdId" params={{ householdId: h.id }}>
                {h.head ?? h.address ?? t('census.addressUnknown')}
              </RouterAnchor>
            </Table.Td>
            <Table.Td>{h.address ?? t('census.addressUnknown')}</Table.Td>
            <Table.Td>{h.sectorName ?? t('common.none')}</Table.Td>
            <Table.Td>
              <Group gap="xs">
                {h.members}
                {crowded(h)}
              </Group>
            </Table.Td>
            <Table.Td>{formatDate(h.registeredOn, i18n.language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** "Mi consultorio": the post's census against its target, its people by group, and its households. */
export function CensusOverviewPage({
  search,
  onSearchChange,
}: {
  search: CensusSearch;
  onSearchChange: (next: CensusSearch) => void;
}) {
  const { t } = useTranslation();
  const postId = useMyPostId();
  if (!postId) {
    return (
      <Alert color="yellow" title={t('common.notPermittedTitle')}>
        {t('census.noPost')}
      </Alert>
    );
  }
  return <PostCensus postId={postId} search={search} onSearchChange={onSearchChange} />;
}

function PostCensus({
  postId,
  search,
  onSearchChange,
}: {
  postId: string;
  search: CensusSearch;
  onSearchChange: (next: CensusSearch) => void;
}) {
  const { t } = useTranslation();
  const canWrite = usePermission('census.write');
  const census = useCensus(postId, search);
  const [text, setText] = useState(search.q ?? '');
  const searchText = useDebouncedCallback(
    (q: string) => onSearchChange({ ...search, q: q || undefined, page: undefined }),
    300,
  );

  return (
    <Stack gap="md">
      <PageHeader
        title={t('census.title')}
        subtitle={census.data ? `${census.data.post.name} · ${census.data.post.parishName}` : t('census.subtitle')}
        actions={
          canWrite && (
            <RouterButton to="/census/households/new" variant="filled">
              {t('census.registerHousehold')}
            </RouterButton>
          )
        }
      />
      <QueryState query={census}>
        {(overview) => (
          <Stack gap="md" style={{ opacity: census.isPlaceholderData ? 0.6 : 1 }}>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <Progressbar overview={overview} />
              <Groups overview={overview} />
            </SimpleGrid>
            <Card withBorder p={{ base: 'sm', sm: 'md' }}>
              <Stack gap="sm">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput
                    type="search"
                    label={t('census.search')}
                    placeholder={t('census.searchHint')}
                    value={text}
                    onChange={(event) => {
                      setText(event.currentTarget.value);
                      searchText(event.currentTarget.value.trim());
                    }}
                  />
                  <Select
                    label={t('census.sector')}
                    placeholder={t('census.allSectors')}
                    clearable
                    data={overview.sectors.map((s) => ({ value: s.id, label: s.name }))}
                    value={search.sectorId ?? null}
                    onChange={(sectorId) =>
                      onSearchChange({ ...search, sectorId: sectorId ?? undefined, page: undefined })
                    }
                  />
                </SimpleGrid>
                <Text size="sm" c="dimmed" aria-live="polite">
                  {t('census.householdsFound', { count: overview.householdPage.total })}
                </Text>
                <Households overview={overview} />
                {overview.householdPage.total > overview.householdPage.pageSize && (
                  <Group justify="center">
                    <Pagination
                      total={Math.ceil(overview.householdPage.total / overview.householdPage.pageSize)}
                      value={overview.householdPage.page}
                      onChange={(page) => onSearchChange({ ...search, page: page > 1 ? page : undefined })}
                      aria-label={t('pagination.label')}
                    />
                  </Group>
                )}
                <RouterAnchor to="/worklist" size="sm">
                  {t('census.openWorklist')}
                </RouterAnchor>
              </Stack>
            </Card>
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
