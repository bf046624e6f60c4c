import { todayLocal } from '../../shared/time';
import type { PersonRow } from './person.access';
import { ageInYears, type Relationship } from './person.rules';
import type { PersonSummary } from './person.schema';

/** A person row as the API shows it; rows become domain objects here and nowhere else. */
export function toPersonSummary(row: PersonRow, flagged: boolean, today = todayLocal()): PersonSummary {
  return {
    id: row.id,
    householdId: row.household_id,
    familyId: row.family_id,
    facilityId: row.facility_id,
    firstNames: row.first_names,
    lastNames: row.last_names,
    sex: row.sex,
    birthDate: row.birth_date,
    birthDateEstimated: row.birth_date_estimated === true,
    age: ageInYears(row.birth_date, row.died_on ?? today),
    nationalId: row.national_id,
    relationship: row.relationship as Relationship,
    vitalStatus: row.vital_status,
    diedOn: row.died_on,
    possibleDuplicate: flagged,
  };
}

/** Heads first, then in the order they were registered. */
export function headFirst<T extends { relationship: string }>(members: T[]): T[] {
  return [...members.filter((m) => m.relationship === 'head'), ...members.filter((m) => m.relationship !== 'head')];
}
