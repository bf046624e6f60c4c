import { Card, Group, Pagination, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format';
import { RouterButton } from '../../ui/link-components';
import { PageHeader } from '../../ui/page-header.component';
import { QueryState } from '../../ui/query-state.component';
import { usePermission } from '../auth/session.resource';
import { FacilityFilters } from './facility-filters.component';
import type { FacilitySearch } from './facility-search';
import { FacilityTable } from './facility-table.component';
import { useFacilities } from './facility.resource';

/** The facility registry: filter by territory, tier, kind, status and name; a page at a time. */
export function FacilityListPage({
  search,
  onSearchChange,
}: {
  search: FacilitySearch;
  onSearchChange: (next: FacilitySearch) => void;
}) {
  const { t, i18n } = useTranslation();
  const canRegister = usePermission('network.manage');
  const facilities = useFacilities(search);
  const page = search.page ?? 1;

  return (
    <Stack gap="md">
      <PageHeader
        title={t('facilities.title')}
        subtitle={t('facilities.subtitle')}
        actions={
          canRegister && (
            <RouterButton to="/facilities/new" variant="filled">
              {t('nav.register')}
            </RouterButton>
          )
        }
      />
      <Card withBorder p={{ base: 'sm', sm: 'md' }}>
        <FacilityFilters search={search} onChange={onSearchChange} />
      </Card>
      <Card withBorder p={{ base: 'sm', sm: 'md' }}>
        <QueryState query={facilities}>
          {(result) => {
            const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
            const first = result.total === 0 ? 0 : (result.page - 1) * result.pageSize + 1;
            const last = Math.min(result.total, result.page * result.pageSize);
            return (
              <Stack gap="sm" style={{ opacity: facilities.isPlaceholderData ? 0.6 : 1 }}>
                <Text size="sm" c="dimmed" aria-live="polite" data-testid="facility-range">
                  {t('facilities.range', {
                    first: formatNumber(first, i18n.language),
                    last: formatNumber(last, i18n.language),
                    total: formatNumber(result.total, i18n.language),
                    count: result.total,
                  })}
                </Text>
                <FacilityTable items={result.items} />
                {pages > 1 && (
                  <Group justify="center">
                    <Pagination
                      total={pages}
                      value={page}
                      siblings={1}
                      boundaries={1}
                      onChange={(next) => onSearchChange({ ...search, page: next > 1 ? next : undefined })}
                      aria-label={t('pagination.label')}
                      getItemProps={(item) => ({ 'aria-label': t('pagination.page', { page: item }) })}
                      getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
                    />
                  </Group>
                )}
              </Stack>
            );
          }}
        </QueryState>
      </Card>
    </Stack>
  );
}
