import { Button, Collapse, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KIND_TIER } from '../../../modules/facilities/facility.rules';
import { usePhoneLayout } from '../../ui/use-phone-layout';
import { TerritorySelect } from '../network/territory-select.component';
import {
  FACILITY_STATUSES,
  TIERS,
  tierNumeral,
  useKindOptions,
  type FacilityKind,
  type FacilityStatus,
} from './facility-labels';
import type { FacilitySearch } from './facility-search';

/** Filters of the facility list; every change goes to the URL and back to the first page. */
export function FacilityFilters({
  search,
  onChange,
}: {
  search: FacilitySearch;
  onChange: (next: FacilitySearch) => void;
}) {
  const { t } = useTranslation();
  const kindOptions = useKindOptions(search.tier);
  const [name, setName] = useState(search.q ?? '');
  const change = (patch: Partial<FacilitySearch>) => onChange({ ...search, ...patch, page: undefined });
  const changeName = useDebouncedCallback((q: string) => change({ q: q.trim() || undefined }), 350);
  // Following the URL when it changes from outside (back button, a link), not while typing.
  const [nameInUrl, setNameInUrl] = useState(search.q);
  if (search.q !== nameInUrl) {
    setNameInUrl(search.q);
    if ((search.q ?? '') !== name.trim()) setName(search.q ?? '');
  }
  const phone = usePhoneLayout();
  const [shown, setShown] = useState(false);
  const active = [search.territory, search.tier, search.kind, search.status, search.q].filter(Boolean).length;

  const fields = (
    <SimpleGrid
      cols={{ base: 1, xs: 2, lg: 5 }}
      spacing="sm"
      component="form"
      role="search"
      onSubmit={(event) => event.preventDefault()}
    >
      <TerritorySelect
        label={t('filters.territory')}
        value={search.territory ?? null}
        onChange={(territory) => change({ territory: territory ?? undefined })}
      />
      <Select
        label={t('filters.tier')}
        placeholder={t('filters.any')}
        clearable
        value={search.tier ? String(search.tier) : null}
        data={TIERS.map((tier) => ({
          value: String(tier),
          label: t('tier.long', { numeral: tierNumeral(tier), name: t(`tier.${tier}`) }),
        }))}
        onChange={(tier) => {
          const next = tier ? Number(tier) : undefined;
          change({
            tier: next,
            kind: next && search.kind && KIND_TIER[search.kind] !== next ? undefined : search.kind,
          });
        }}
      />
      <Select
        label={t('filters.kind')}
        placeholder={t('filters.any')}
        clearable
        value={search.kind ?? null}
        data={kindOptions}
        onChange={(kind) => change({ kind: (kind as FacilityKind | null) ?? undefined })}
      />
      <Select
        label={t('filters.status')}
        placeholder={t('filters.any')}
        clearable
        value={search.status ?? null}
        data={FACILITY_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))}
        onChange={(status) => change({ status: (status as FacilityStatus | null) ?? undefined })}
      />
      <TextInput
        label={t('filters.name')}
        placeholder={t('filters.namePlaceholder')}
        type="search"
        value={name}
        onChange={(event) => {
          setName(event.currentTarget.value);
          changeName(event.currentTarget.value);
        }}
      />
    </SimpleGrid>
  );
  if (!phone) return fields;
  // On a phone the filters fold away, so that the list itself is what one sees first.
  return (
    <>
      <Button
        variant="light"
        fullWidth
        onClick={() => setShown((open) => !open)}
        aria-expanded={shown}
        mb={shown ? 'sm' : 0}
      >
        {t('filters.toggle', { count: active })}
      </Button>
      <Collapse expanded={shown}>{fields}</Collapse>
    </>
  );
}
