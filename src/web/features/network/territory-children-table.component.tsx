import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RouterAnchor } from '../../ui/link-components';
import { usePhoneLayout } from '../../ui/use-phone-layout';
import { TIERS } from '../facilities/facility-labels';
import { Count, TierHeadings } from './facility-counts-table.component';
import type { TerritoryNode } from './territory.resource';

/** The states, municipalities or parishes of a territory, each with its facilities by tier. */
export function TerritoryChildrenTable({ node }: { node: TerritoryNode }) {
  const { t, i18n } = useTranslation();
  const collator = new Intl.Collator(i18n.language);
  const children = [...node.children].sort((a, b) => collator.compare(a.name, b.name));
  const childLevel = node.children[0]?.level ?? 'parish';
  // On a phone the operating count gives way, so that the totals stay in sight.
  const showOperating = !usePhoneLayout();
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table
        striped
        highlightOnHover
        withTableBorder
        horizontalSpacing="xs"
        verticalSpacing={6}
        data-testid="territory-children"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" rowSpan={2} style={{ verticalAlign: 'bottom' }}>
              {t(`level.${childLevel}`)}
            </Table.Th>
            <Table.Th scope="colgroup" colSpan={TIERS.length} ta="center">
              {t('counts.tier')}
            </Table.Th>
            {showOperating && (
              <Table.Th scope="col" rowSpan={2} ta="right" style={{ verticalAlign: 'bottom' }}>
                {t('counts.operating')}
              </Table.Th>
            )}
            <Table.Th scope="col" rowSpan={2} ta="right" style={{ verticalAlign: 'bottom' }}>
              {t('counts.total')}
            </Table.Th>
          </Table.Tr>
          <Table.Tr>
            <TierHeadings />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {children.map((child) => (
            <Table.Tr key={child.code} data-code={child.code}>
              <Table.Td>
                <RouterAnchor to="/network/$code" params={{ code: child.code }} size="sm">
                  {child.name}
                </RouterAnchor>
              </Table.Td>
              {TIERS.map((tier) => (
                <Table.Td key={tier} ta="right">
                  <Count value={child.facilities.byTier[String(tier)]} />
                </Table.Td>
              ))}
              {showOperating && (
                <Table.Td ta="right">
                  <Count value={child.facilities.byStatus.operating} />
                </Table.Td>
              )}
              <Table.Td ta="right">
                <Count value={child.facilities.total} strong />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
