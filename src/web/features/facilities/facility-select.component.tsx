import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFacilities, type FacilitySummary } from './facility.resource';

interface FacilitySelectProps {
  value: string | null;
  onChange: (id: string | null) => void;
  label: string;
  error?: string | undefined;
}

/** Finds a facility by part of its name or code. */
export function FacilitySelect({ value, onChange, label, error }: FacilitySelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [picked, setPicked] = useState<FacilitySummary | null>(null);
  const found = useFacilities({ q: debounced }, 15, debounced.length >= 2);
  const items = [...(debounced.length >= 2 ? (found.data?.items ?? []) : [])];
  if (picked && picked.id === value && !items.some((f) => f.id === picked.id)) items.unshift(picked);
  const labelOf = (f: FacilitySummary) => `${f.name} (${f.code}) — ${f.parishName}, ${f.stateName}`;

  return (
    <Select
      label={label}
      placeholder={t('facilities.searchPlaceholder')}
      searchable
      clearable
      withAsterisk
      value={value}
      error={error}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={debounced.length >= 2 ? t('facilities.empty') : t('territory.typeTwoLetters')}
      data={items.map((f) => ({ value: f.id, label: labelOf(f) }))}
      onChange={(id) => {
        setPicked(items.find((f) => f.id === id) ?? null);
        onChange(id);
      }}
    />
  );
}
