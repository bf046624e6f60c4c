import type { TFunction } from 'i18next';
import { formatDate } from '../../ui/format';

/** Options of a coded census list (water source, floor…), named in the interface language. */
export function codeOptions(codes: readonly string[] | undefined, list: string, t: TFunction) {
  return (codes ?? []).map((code) => ({ value: code, label: t(`censusCodes.${list}.${code}`) }));
}

/** A person's full name as the census writes it. */
export const fullName = (person: { firstNames: string; lastNames: string }) =>
  `${person.firstNames} ${person.lastNames}`;

/** Age as a family doctor says it: weeks, then months under two years, then years. */
export function describeAge(birthDate: string, years: number, today: string, t: TFunction): string {
  if (years >= 2) return t('person.ageYears', { count: years });
  const days = Math.max(0, (Date.parse(today) - Date.parse(birthDate)) / 86_400_000);
  if (days < 60) return t('person.ageWeeks', { count: Math.floor(days / 7) });
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  const months = (ty! - by!) * 12 + (tm! - bm!) - (td! < bd! ? 1 : 0);
  return t('person.ageMonths', { count: months });
}

/** A birth date as the census shows it, marked when it was estimated from the age the person seemed to have. */
export function describeBirthDate(
  person: { birthDate: string; birthDateEstimated: boolean },
  language: string,
  t: TFunction,
): string {
  const date = formatDate(person.birthDate, language);
  return person.birthDateEstimated ? t('person.birthDateEstimated', { date }) : date;
}
