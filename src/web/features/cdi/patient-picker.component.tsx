import { Button, Select, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { useReferralList } from '../referrals/referrals.resource';
import { useWalkInSearch, type WalkIn } from './cdi.resource';

/** How the emergency room names someone it may attend: name, national id or birth date, and where they are held. */
export function walkInLabel(person: WalkIn, language: string): string {
  return [person.name, person.nationalId ?? formatDate(person.birthDate, language), person.postName].join(' · ');
}

/**
 * The patient a service records: someone referred to the facility, chosen by name; with
 * `walkIns`, also someone arriving without a referral, found by national id or name among the
 * people the emergency room serves (the server decides who that is). When that search finds
 * nobody, `onRegister` is offered with what was typed: the person has no record yet.
 */
export function PatientPicker({
  facilityId,
  value,
  onChange,
  error,
  walkIns = false,
  known = [],
  onRegister,
}: {
  facilityId: string;
  value: string;
  onChange: (personId: string) => void;
  error: ReactNode;
  walkIns?: boolean;
  /** People the screen already knows of (just registered, say), offered whatever the search. */
  known?: { id: string; label: string }[];
  onRegister?: (search: string) => void;
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
  for (const p of found.data?.items ?? []) options.set(p.id, walkInLabel(p, i18n.language));
  for (const person of known) options.set(person.id, person.label);
  // The last search that found nobody stays on offer below the box once its list is closed (and
  // the box emptied), so that it can be reached with the keyboard too.
  const [missed, setMissed] = useState('');
  const settled = walkIns && query.trim().length >= 3 && found.isSuccess && !found.isFetching;
  if (settled && found.data.items.length === 0 && missed !== query) setMissed(query);
  if (settled && found.data.items.length > 0 && missed !== '') setMissed('');
  const [open, setOpen] = useState(false);
  const nobodyFound = walkIns && search.trim().length >= 3 && !found.isFetching;
  // Offered inside the open list, where "nobody" is read; the box keeps the focus meanwhile.
  const registerHere = onRegister && (
    <Button
      size="compact-sm"
      variant="light"
      color="orange"
      mt={6}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => onRegister(search)}
    >
      {t('walkIn.register')}
    </Button>
  );
  const picker = (
    <Select
      label={t('cdi.patient')}
      placeholder={walkIns ? t('cdi.walkInPlaceholder') : undefined}
      description={walkIns ? t('cdi.walkInHint') : undefined}
      searchable
      nothingFoundMessage={
        nobodyFound ? (
          <>
            {t('cdi.nobodyFound')}
            {registerHere && <div>{registerHere}</div>}
          </>
        ) : undefined
      }
      onDropdownOpen={() => setOpen(true)}
      onDropdownClose={() => setOpen(false)}
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
  if (!onRegister) return picker;
  return (
    <Stack gap={4}>
      {picker}
      {missed && !value && !open && (
        <Button size="compact-sm" variant="light" color="orange" onClick={() => onRegister(missed)}>
          {t('walkIn.register')}
        </Button>
      )}
    </Stack>
  );
}
