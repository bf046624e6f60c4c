import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIcd10Search, type Icd10Entry } from './care.resource';

/** Finds a CIE-10 code as one types a code or words of its title; the server does the matching. */
export function Icd10Search({
  label,
  error,
  onPick,
}: {
  label: string;
  error?: string | undefined;
  onPick: (entry: Icd10Entry) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const results = useIcd10Search(debounced);
  const entries = results.data ?? [];
  return (
    <Select
      label={label}
      placeholder={t('encounter.diagnosisHint')}
      searchable
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={entries.map((e) => ({ value: e.code, label: `${e.code} · ${e.title}` }))}
      nothingFoundMessage={debounced.trim().length >= 2 && !results.isFetching ? t('encounter.noDiagnosis') : undefined}
      error={error}
      onChange={(code) => {
        const entry = entries.find((e) => e.code === code);
        if (entry) onPick(entry);
        setSearch('');
      }}
    />
  );
}
