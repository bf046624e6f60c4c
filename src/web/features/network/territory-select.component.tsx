import { Group, Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useTerritory,
  useTerritorySearch,
  type TerritoryLevel,
  type TerritoryMatch,
  type TerritoryNode,
} from './territory.resource';

function describeNode(node: TerritoryNode): TerritoryMatch {
  const parents = node.lineage.slice(1, -1).map((ancestor) => ancestor.name);
  return {
    code: node.code,
    name: node.name,
    level: node.level,
    parentName: parents.length ? parents.reverse().join(', ') : null,
  };
}

function labelOf(match: TerritoryMatch): string {
  return match.parentName ? `${match.name} — ${match.parentName}` : match.name;
}

interface TerritorySelectProps {
  value: string | null;
  onChange: (code: string | null) => void;
  label?: string;
  placeholder?: string;
  /** Empties the box after a choice: for jumping somewhere rather than filling a field. */
  clearOnSelect?: boolean;
  error?: string | undefined;
  description?: string;
  /** Offers only territories of this level (e.g. the parish where someone lives). */
  level?: Exclude<TerritoryLevel, 'nation'>;
  'aria-label'?: string;
}

/**
 * Finds a state, municipality or parish by typing part of its name; the server ignores accents
 * and case, so "catia" finds "Sucre (Catia)".
 */
export function TerritorySelect({
  value,
  onChange,
  label,
  placeholder,
  clearOnSelect,
  error,
  description,
  level,
  ...rest
}: TerritorySelectProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [picked, setPicked] = useState<TerritoryMatch | null>(null);
  const results = useTerritorySearch(debounced, level);
  // A territory that came with the URL is named by fetching it.
  const current = useTerritory(value && picked?.code !== value && value !== 'VE' ? value : null);

  const selected = picked?.code === value ? picked : current.data ? describeNode(current.data) : null;
  const matches = useMemo(() => {
    const list = [...(results.data ?? [])];
    if (selected && !list.some((m) => m.code === selected.code)) list.unshift(selected);
    return list;
  }, [results.data, selected]);
  const byCode = new Map(matches.map((m) => [m.code, m]));

  return (
    <Select
      label={label}
      description={description}
      aria-label={rest['aria-label']}
      placeholder={placeholder ?? t('territory.searchPlaceholder')}
      searchable
      clearable={!clearOnSelect}
      value={clearOnSelect ? null : value}
      searchValue={search}
      onSearchChange={setSearch}
      error={error}
      data={matches.map((m) => ({ value: m.code, label: labelOf(m) }))}
      // The server already matched, ignoring accents; filtering again here would drop "Catia" for "catia".
      filter={({ options }) => options}
      nothingFoundMessage={
        debounced.trim().length >= 2 && !results.isFetching
          ? t('territory.nothingFound')
          : t('territory.typeTwoLetters')
      }
      renderOption={({ option }) => {
        const match = byCode.get(option.value);
        return (
          <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
            <div>
              <Text size="sm">{match?.name ?? option.label}</Text>
              {match?.parentName && (
                <Text size="xs" c="dimmed">
                  {match.parentName}
                </Text>
              )}
            </div>
            {match && (
              <Text size="xs" c="dimmed">
                {t(`level.${match.level}`)}
              </Text>
            )}
          </Group>
        );
      }}
      onChange={(code) => {
        setPicked(code ? (byCode.get(code) ?? null) : null);
        onChange(code);
        if (clearOnSelect) setSearch('');
      }}
    />
  );
}
