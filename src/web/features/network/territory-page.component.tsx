import { Badge, Card, Group, List, SimpleGrid, Spoiler, Stack, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format';
import { RouterButton } from '../../ui/link-components';
import { PageHeader } from '../../ui/page-header.component';
import { QueryState } from '../../ui/query-state.component';
import { FacilityTable } from '../facilities/facility-table.component';
import { useFacilities } from '../facilities/facility.resource';
import { FacilityCountsTable } from './facility-counts-table.component';
import { TerritoryBreadcrumbs } from './territory-breadcrumbs.component';
import { TerritoryChildrenTable } from './territory-children-table.component';
import { TerritorySelect } from './territory-select.component';
import { NATION, useTerritory, type TerritoryNode } from './territory.resource';

/** The network seen from one territory: its facilities by tier and status, and the territories below it. */
export function TerritoryPage({ code }: { code: string }) {
  const territory = useTerritory(code);
  return <QueryState query={territory}>{(node) => <TerritoryView node={node} />}</QueryState>;
}

function TerritoryView({ node }: { node: TerritoryNode }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const name = node.code === NATION ? t('network.nation') : node.name;
  const facts = [
    t(`level.${node.level}`),
    t('network.facilityTotal', {
      count: node.facilities.total,
      formatted: formatNumber(node.facilities.total, i18n.language),
    }),
  ];
  if (node.population2011 !== null)
    facts.push(t('network.population', { formatted: formatNumber(node.population2011, i18n.language) }));

  return (
    <Stack gap="lg">
      <PageHeader
        above={node.lineage.length > 1 ? <TerritoryBreadcrumbs lineage={node.lineage} /> : undefined}
        title={name}
        subtitle={facts.join(' · ')}
        actions={
          <RouterButton to="/facilities" search={node.code === NATION ? {} : { territory: node.code }} variant="light">
            {t('network.seeFacilities')}
          </RouterButton>
        }
      />
      <TerritorySelect
        value={null}
        clearOnSelect
        aria-label={t('network.jumpTo')}
        placeholder={t('network.jumpPlaceholder')}
        onChange={(target) => target && void navigate({ to: '/network/$code', params: { code: target } })}
      />
      <Card withBorder p={{ base: 'sm', sm: 'md' }}>
        <FacilityCountsTable counts={node.facilities} caption={t('network.countsCaption', { name })} />
      </Card>
      {node.children.length > 0 && (
        <Card withBorder p={{ base: 'sm', sm: 'md' }}>
          <Title order={2} size="h4" mb="sm">
            {t(`network.childrenOf.${node.level}`, { name })}
          </Title>
          <TerritoryChildrenTable node={node} />
        </Card>
      )}
      {node.level === 'parish' && <ParishDetails node={node} />}
    </Stack>
  );
}

/** What only a parish has: its sectors, the ASICs covering it and its facilities by name. */
function ParishDetails({ node }: { node: TerritoryNode }) {
  const { t } = useTranslation();
  const facilities = useFacilities({ territory: node.code }, 10);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder p={{ base: 'sm', sm: 'md' }}>
          <Title order={2} size="h4" mb="xs">
            {t('network.sectors')}
          </Title>
          {node.sectors.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('network.noSectors')}
            </Text>
          ) : (
            <Spoiler
              maxHeight={150}
              showLabel={t('network.showAll', { count: node.sectors.length })}
              hideLabel={t('network.showLess')}
            >
              <List size="sm" spacing={2} style={{ columns: '2 12rem' }}>
                {node.sectors.map((sector) => (
                  <List.Item key={sector.id}>{sector.name}</List.Item>
                ))}
              </List>
            </Spoiler>
          )}
        </Card>
        <Card withBorder p={{ base: 'sm', sm: 'md' }}>
          <Title order={2} size="h4" mb="xs">
            {t('network.asics')}
          </Title>
          {node.asics.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('network.noAsics')}
            </Text>
          ) : (
            <Spoiler
              maxHeight={150}
              showLabel={t('network.showAll', { count: node.asics.length })}
              hideLabel={t('network.showLess')}
            >
              <List size="sm" spacing={2}>
                {node.asics.map((asic) => (
                  <List.Item key={asic.id}>
                    <Group gap={6}>
                      {asic.name}
                      <Badge variant="outline" size="xs">
                        {asic.code}
                      </Badge>
                    </Group>
                  </List.Item>
                ))}
              </List>
            </Spoiler>
          )}
        </Card>
      </SimpleGrid>
      <Card withBorder p={{ base: 'sm', sm: 'md' }}>
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t('network.facilitiesHere')}
          </Title>
          {(facilities.data?.total ?? 0) > 10 && (
            <RouterButton to="/facilities" search={{ territory: node.code }} variant="subtle" size="xs">
              {t('network.seeAll', { count: facilities.data?.total ?? 0 })}
            </RouterButton>
          )}
        </Group>
        <QueryState query={facilities}>{(page) => <FacilityTable items={page.items} showPlace={false} />}</QueryState>
      </Card>
    </>
  );
}
