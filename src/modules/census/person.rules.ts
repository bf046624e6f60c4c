import { normalizeForSearch } from '../territory/territory.rules';

export const SEXES = ['F', 'M'] as const;
export type Sex = (typeof SEXES)[number];

/** How a member is related to the head of the household. */
export const RELATIONSHIPS = [
  'head',
  'spouse',
  'child',
  'stepchild',
  'child_in_law',
  'grandchild',
  'parent',
  'parent_in_law',
  'grandparent',
  'sibling',
  'other_relative',
  'non_relative',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** Birth dates before this are taken for typing errors: nobody alive was born earlier. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * A Venezuelan cédula de identidad: V for nationals, E for foreign residents, then the number.
 * People write it as "V-12.345.678", "v 12345678" or "V12345678"; all become "V-12345678".
 */
const NATIONAL_ID = /^([VE])-?(\d{5,9})$/;

/** The national id in its one stored form, or null when it is not shaped like one. */
export function normalizeNationalId(raw: string): string | null {
  const compact = raw.toUpperCase().replace(/[\s.]/g, '');
  const match = NATIONAL_ID.exec(compact);
  return match ? `${match[1]}-${match[2]}` : null;
}

/** Why a birth date cannot be right, or null when it can. */
export function birthDateProblem(birthDate: string, today: string): string | null {
  if (birthDate > today) return 'The birth date cannot be in the future';
  if (birthDate < EARLIEST_BIRTH_DATE) return `The birth date cannot be before ${EARLIEST_BIRTH_DATE}`;
  return null;
}

/** The text a person is found by: given names then family names, lower case, without accents. */
export function personSearchName(firstNames: string, lastNames: string): string {
  return normalizeForSearch(`${firstNames} ${lastNames}`);
}

/** Whole years of age on `on` (both YYYY-MM-DD); someone born on 29 February ages on 1 March. */
export function ageInYears(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  const hadBirthday = om > bm || (om === bm && od >= bd);
  return oy - by - (hadBirthday ? 0 : 1);
}

/**
 * Two spellings close enough to be the same person when the birth date also matches. The figure
 * is pg_trgm's trigram similarity (https://www.postgresql.org/docs/current/pgtrgm.html); 0.6
 * catches a dropped accent or a swapped letter in a full name but not a sibling's first name.
 */
export const NEAR_SPELLING_SIMILARITY = 0.6;

/** The words of a search, each of which must appear in a matching name. */
export function searchWords(query: string): string[] {
  return normalizeForSearch(query)
    .split(' ')
    .filter((word) => word.length > 0);
}
