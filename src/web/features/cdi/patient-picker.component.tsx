import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { useReferralList } from '../referrals/referrals.resource';
import { useWalkInSearch } from './cdi.resource';

/**
 * The patient a service records: someone referred to the facility, chosen by name; with
 * `walkIns`, also someone arriving without a referral, found by national id or name among the
 * people the emergency room serves (the server decides who that is).
 */
export function PatientPicker({
  facilityId,
  value,
  onChange,
  error,
  walkIns = false,
}: {
  facilityId: string;
  value: string;
  onChange: (personId: string) => void;
  error: ReactNode;
  walkIns?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 300);
  const referred = useReferralList(facilityId, 'received', 'all');
  const found = useWalkInSearch(facilityId, walkIns ? query : '');
  const options = new Map<string, string>();
  const term = search.trim().toLocaleLowerCase();
  for (const r of referred.data?.items ?? []) {
    const matches = !walkIns || r.person.id === value || r.person.name.toLocaleLowerCase().includes(term);
    if (matches) options.set(r.person.id, r.person.name);
  }
  for (const p of found.data?.items ?? []) {
    const who = [p.name, p.nationalId ?? formatDate(p.birthDate, i18n.language), p.postName];
    options.set(p.id, who.join(' · '));
  }
  return (
    <Select
      label={t('cdi.patient')}
      placeholder={walkIns ? t('cdi.walkInPlaceholder') : undefined}
      description={walkIns ? t('cdi.walkInHint') : undefined}
      searchable
      nothingFoundMessage={walkIns && search.trim().length >= 3 && !found.isFetching ? t('cdi.nobodyFound') : undefined}
      searchValue={search}
      onSearchChange={setSearch}
      // The server already chose whom a national id or a name finds; the list is not filtered again.
      filter={walkIns ? ({ options: all }) => all : undefined}
      data={[...options].map(([id, label]) => ({ value: id, label }))}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      error={error}
    />
  );
}
