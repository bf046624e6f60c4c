import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import { findHouseholdForCareTeam, findPersonForCareTeam, type PersonRow } from './person.access';
import { toPersonSummary } from './person.mapping';
import {
  findPossibleDuplicates,
  findTakenNationalIds,
  hasOpenDuplicateFlag,
  insertDuplicateFlags,
  insertPersons,
  listFamilyIds,
  writeMove,
} from './person.repository';
import { birthDateProblem, normalizeNationalId, personSearchName, type Relationship, type Sex } from './person.rules';
import type { MovePersonInput, PersonSummary } from './person.schema';

/** Where a person is registered: the household and the post and state it belongs to. */
export interface HouseholdRef {
  id: string;
  facility_id: string;
  state_code: string;
}

export interface NewPerson {
  firstNames: string;
  lastNames: string;
  sex: Sex;
  birthDate: string;
  nationalId?: string | null | undefined;
  relationship: Relationship;
  familyId?: string | null | undefined;
}

/**
 * Writes the persons of one household in one statement, ledgered, after checking birth dates and
 * national ids, then flags possible duplicates at the post for the registrar (never merges them).
 * `fieldOf(i)` is the path prefix of the i-th person in the request (e.g. `members.2.`), so that
 * errors name the field.
 * Call it inside a transaction; every person must already carry its family id.
 */
export async function addPersonsToHousehold(
  tx: Db,
  actor: string,
  household: HouseholdRef,
  persons: (NewPerson & { familyId: string })[],
  fieldOf: (index: number) => string,
): Promise<{ persons: PersonRow[]; flagged: Set<string> }> {
  const today = todayLocal();
  const nationalIds = persons.map((person, i) => {
    const problem = birthDateProblem(person.birthDate, today);
    if (problem) throw fieldError('VALIDATION_FAILED', `${fieldOf(i)}birthDate`, problem);
    if (!person.nationalId) return null;
    const nationalId = normalizeNationalId(person.nationalId);
    if (!nationalId) {
      throw fieldError('VALIDATION_FAILED', `${fieldOf(i)}nationalId`, 'Write the national id as V-12345678 or E-…');
    }
    return nationalId;
  });
  const given = nationalIds.filter((id): id is string => id !== null);
  const taken = await findTakenNationalIds(tx, given);
  nationalIds.forEach((nationalId, i) => {
    if (nationalId === null) return;
    if (taken.has(nationalId) || nationalIds.indexOf(nationalId) < i) {
      throw fieldError(
        'DUPLICATE_NATIONAL_ID',
        `${fieldOf(i)}nationalId`,
        `Another person has national id ${nationalId}`,
      );
    }
  });
  const now = new Date();
  const rows = await insertPersons(
    tx,
    actor,
    persons.map((person, i) => ({
      id: newId(),
      household_id: household.id,
      family_id: person.familyId,
      facility_id: household.facility_id,
      state_code: household.state_code,
      first_names: person.firstNames.trim(),
      last_names: person.lastNames.trim(),
      search_name: personSearchName(person.firstNames, person.lastNames),
      sex: person.sex,
      birth_date: person.birthDate,
      national_id: nationalIds[i] ?? null,
      relationship: person.relationship,
      vital_status: 'alive' as const,
      died_on: null,
      merged_into: null,
      created_at: now,
      updated_at: now,
    })),
  );
  const pairs = await findPossibleDuplicates(
    tx,
    household.facility_id,
    rows.map((r) => r.id),
  );
  await insertDuplicateFlags(tx, actor, household, pairs);
  return { persons: rows, flagged: new Set(pairs.flatMap((pair) => [pair.person_id, pair.candidate_id])) };
}

/**
 * Registers one person in an existing household (a newcomer, or a newborn in the mother's
 * household) and returns the new person's id. Without a family id the person joins the
 * household's first family. Errors name the fields `birthDate`, `nationalId` and `familyId`,
 * after `options.field` when given (e.g. `child.`). Call it inside the caller's transaction.
 */
export async function addPersonToHousehold(
  tx: Db,
  actor: string,
  household: HouseholdRef,
  person: NewPerson,
  options: { field?: string } = {},
): Promise<string> {
  const prefix = options.field ?? '';
  const familyIds = await listFamilyIds(tx, household.id);
  const familyId = person.familyId ?? familyIds[0];
  if (!familyId || !familyIds.includes(familyId)) {
    throw fieldError('UNKNOWN_FAMILY', `${prefix}familyId`, 'The family is not in this household');
  }
  const { persons } = await addPersonsToHousehold(tx, actor, household, [{ ...person, familyId }], () => prefix);
  return persons[0]!.id;
}

/** The person, refusing a record that was merged away or a person recorded as deceased. */
export function requireLivingRecord(person: PersonRow): void {
  if (person.merged_into) throw new AppError('PERSON_MERGED', `This record was merged into ${person.merged_into}`);
  if (person.vital_status === 'dead') throw new AppError('PERSON_DECEASED');
}

/**
 * Moves a person to another household: a move fact and the person's new household, family and
 * relationship, both on the ledger. The caller must be on the team of both households' posts.
 */
export async function movePerson(
  db: Db,
  access: Access,
  personId: string,
  input: MovePersonInput,
): Promise<PersonSummary> {
  const person = await findPersonForCareTeam(db, access, personId, 'census.write');
  requireLivingRecord(person);
  if (input.toHouseholdId === person.household_id) {
    throw fieldError('VALIDATION_FAILED', 'toHouseholdId', 'The person already lives in this household');
  }
  const to = await findHouseholdForCareTeam(db, access, input.toHouseholdId, 'census.write');
  const movedOn = input.movedOn ?? todayLocal();
  if (movedOn > todayLocal()) throw fieldError('VALIDATION_FAILED', 'movedOn', 'The date cannot be in the future');
  if (movedOn < person.birth_date) {
    throw fieldError('VALIDATION_FAILED', 'movedOn', 'The date cannot be before the person was born');
  }
  const familyIds = await listFamilyIds(db, to.id);
  const familyId = input.familyId ?? familyIds[0];
  if (!familyId || !familyIds.includes(familyId)) {
    throw fieldError('UNKNOWN_FAMILY', 'familyId', 'The family is not in the new household');
  }
  const moved = await db.transaction().execute((tx) =>
    writeMove(
      tx,
      access.userId,
      person,
      {
        household_id: to.id,
        family_id: familyId,
        facility_id: to.facility_id,
        state_code: to.state_code,
        relationship: input.relationship,
      },
      movedOn,
    ),
  );
  return toPersonSummary(moved, await hasOpenDuplicateFlag(db, moved.id));
}
