import { Breadcrumbs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RouterAnchor } from '../../ui/link-components';
import { NATION, type TerritoryNode } from './territory.resource';

/** Venezuela › state › municipality › parish, each a link but the last (where we are). */
export function TerritoryBreadcrumbs({ lineage }: { lineage: TerritoryNode['lineage'] }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('network.breadcrumbs')}>
      <Breadcrumbs separator="›" separatorMargin={6} style={{ flexWrap: 'wrap', rowGap: 4 }}>
        {lineage.map((ancestor, index) => {
          const name = ancestor.code === NATION ? t('network.nation') : ancestor.name;
          if (index === lineage.length - 1) {
            return (
              <Text key={ancestor.code} size="sm" aria-current="page">
                {name}
              </Text>
            );
          }
          return ancestor.code === NATION ? (
            <RouterAnchor key={ancestor.code} to="/network" size="sm">
              {name}
            </RouterAnchor>
          ) : (
            <RouterAnchor key={ancestor.code} to="/network/$code" params={{ code: ancestor.code }} size="sm">
              {name}
            </RouterAnchor>
          );
        })}
      </Breadcrumbs>
    </nav>
  );
}
