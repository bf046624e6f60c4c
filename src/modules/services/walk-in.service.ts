import { isViolationOf } from '../../db/constraint';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import { addYears } from '../care/calendar';
import { writeHouseholdOfOne } from '../census/household.repository';
import { defaultFamilyName } from '../census/household.rules';
import { mayAttendWalkIn, walkInCatchment } from '../census/person.access';
import { toPersonSummary } from '../census/person.mapping';
import { findNationalIdHolder, findPossibleDuplicatesOf } from '../census/person.repository';
import { birthDateProblem, normalizeNationalId, personSearchName } from '../census/person.rules';
import { findTerritory } from '../territory/territory.repository';
import { containsPattern, territoryLevel } from '../territory/territory.rules';
import { findFacilityForTeam } from './services.access';
import type { RegisteredWalkIn, RegisterWalkInInput, WalkIn } from './walk-in.schema';

/** Whom an emergency room may look for: a few words of the name, or the national id. */
const SHORTEST_NAME_QUERY = 3;

/** The caller's facility, when it has an emergency room where the caller may attend (404 otherwise, logged). */
async function findEmergencyRoom(db: Db, access: Access, facilityId: string) {
  const facility = await findFacilityForTeam(db, access, facilityId, 'care.write', 'facilityId');
  if (!facility.services.includes('EMERGENCY_ROOM'))
    throw fieldError('SERVICE_NOT_OFFERED', 'facilityId', `${facility.name} has no emergency room`);
  return facility;
}

/** People of these facilities, alive and unmerged, as an emergency room sees them. */
function walkInRows(db: Db, facilityIds: readonly string[]) {
  return db
    .selectFrom('persons as p')
    .innerJoin('facilities as f', 'f.id', 'p.facility_id')
    .select(['p.id', 'p.first_names', 'p.last_names', 'p.sex', 'p.birth_date', 'p.national_id', 'f.name as post_name'])
    .where('p.facility_id', 'in', facilityIds)
    .where('p.vital_status', '=', 'alive')
    .where('p.merged_into', 'is', null);
}

function toWalkIn(r: {
  id: string;
  first_names: string;
  last_names: string;
  sex: 'F' | 'M';
  birth_date: string;
  national_id: string | null;
  post_name: string;
}): WalkIn {
  return {
    id: r.id,
    name: `${r.first_names} ${r.last_names}`,
    sex: r.sex,
    birthDate: r.birth_date,
    nationalId: r.national_id,
    postName: r.post_name,
  };
}

/**
 * People an emergency room may attend without a referral, found by national id or by name among
 * the population it serves (its ASIC's posts, and people it registered itself): only what is
 * needed to tell them apart, never their record. The record opens once they are attended.
 */
export async function searchWalkIns(db: Db, access: Access, facilityId: string, query: string) {
  const facility = await findEmergencyRoom(db, access, facilityId);
  const nationalId = normalizeNationalId(query);
  const words = query.trim();
  if (!nationalId && words.length < SHORTEST_NAME_QUERY) {
    throw fieldError('VALIDATION_FAILED', 'q', 'Write a national id or at least 3 letters of the name');
  }
  const search = walkInRows(db, await walkInCatchment(db, facility.id));
  const rows = await (
    nationalId
      ? search.where('p.national_id', '=', nationalId)
      : search.where('p.search_name', 'like', containsPattern(words))
  )
    .orderBy('p.last_names')
    .orderBy('p.first_names')
    .limit(20)
    .execute();
  return { items: rows.map(toWalkIn) };
}

/** The birth date given, or one worked out from the estimated age; errors name `birthDate`. */
function birthDateOf(input: RegisterWalkInInput, today: string): { birthDate: string; estimated: boolean } {
  if (input.birthDate) {
    const problem = birthDateProblem(input.birthDate, today);
    if (problem) throw fieldError('VALIDATION_FAILED', 'birthDate', problem);
    return { birthDate: input.birthDate, estimated: false };
  }
  // An age of N years is taken as born N years ago today: the age shown stays the age estimated.
  return { birthDate: addYears(today, -input.estimatedAgeYears!), estimated: true };
}

/** The parish where the person lives, when given; it must be a parish of the territory tree. */
async function parishOf(db: Db, code: string | null | undefined): Promise<string | null> {
  if (!code) return null;
  const parish = territoryLevel(code) === 'parish' ? await findTerritory(db, code, 'parish') : undefined;
  if (!parish) throw fieldError('UNKNOWN_TERRITORY', 'parishCode', `There is no parish ${code}`);
  return parish.code;
}

/**
 * A national id someone already holds. The holder is named only when the emergency room may
 * attend them (one of the people it serves, or already in its care), so that the worker can
 * attend that record instead; otherwise the conflict names the field and nobody.
 */
async function nationalIdTaken(
  db: Db,
  nationalId: string,
  facilityId: string,
  holder: Awaited<ReturnType<typeof findNationalIdHolder>>,
): Promise<AppError> {
  const visible = holder && holder.vital_status === 'alive' && (await mayAttendWalkIn(db, holder, facilityId));
  if (!visible)
    return fieldError('DUPLICATE_NATIONAL_ID', 'nationalId', `Another person has national id ${nationalId}`);
  const message = `${nationalId} is the national id of ${holder.first_names} ${holder.last_names}, of ${holder.facility_name}: attend that record`;
  return new AppError(
    'DUPLICATE_NATIONAL_ID',
    message,
    [{ field: 'nationalId', message, code: 'DUPLICATE_NATIONAL_ID' }],
    {
      holder: toWalkIn({ ...holder, post_name: holder.facility_name }),
    },
  );
}

/**
 * Registers a person brought to the emergency room with no record: the person goes, with a family
 * of their own, into a household held by the centre whose living conditions nobody has surveyed,
 * all in one ledgered statement. People the centre serves who may be the same person are flagged
 * for the registrar with the same rule as the census, never merged. Being held by the centre, the
 * person is in its care at once: its emergency room may attend them and its team read the record.
 */
export async function registerWalkIn(
  db: Db,
  access: Access,
  facilityId: string,
  input: RegisterWalkInInput,
): Promise<RegisteredWalkIn> {
  const facility = await findEmergencyRoom(db, access, facilityId);
  const today = todayLocal();
  const { birthDate, estimated } = birthDateOf(input, today);
  const nationalId = input.nationalId ? normalizeNationalId(input.nationalId) : null;
  const holder = nationalId ? await findNationalIdHolder(db, nationalId) : undefined;
  if (nationalId && holder) throw await nationalIdTaken(db, nationalId, facility.id, holder);
  const parishCode = await parishOf(db, input.parishCode);
  const searchName = personSearchName(input.firstNames, input.lastNames);
  const catchment = await walkInCatchment(db, facility.id);
  const candidates = await findPossibleDuplicatesOf(db, catchment, { searchName, birthDate });
  const now = new Date();
  const place = { facility_id: facility.id, state_code: facility.state_code };
  const ids = { household: newId(), family: newId(), person: newId() };
  const person = {
    id: ids.person,
    household_id: ids.household,
    family_id: ids.family,
    ...place,
    first_names: input.firstNames,
    last_names: input.lastNames,
    search_name: searchName,
    sex: input.sex,
    birth_date: birthDate,
    birth_date_estimated: estimated,
    national_id: nationalId,
    relationship: 'head',
    vital_status: 'alive' as const,
    died_on: null,
    merged_into: null,
    created_at: now,
    updated_at: now,
  };
  try {
    await writeHouseholdOfOne(db, access.userId, {
      household: {
        id: ids.household,
        ...place,
        parish_code: parishCode,
        sector_id: null,
        address: input.address || null,
        registered_on: today,
        registered_by: access.userId,
        created_at: now,
        updated_at: now,
      },
      family: {
        id: ids.family,
        household_id: ids.household,
        ...place,
        name: defaultFamilyName(input.lastNames),
        created_at: now,
      },
      person,
      flags: candidates.map((c) => ({
        id: newId(),
        person_id: ids.person,
        candidate_id: c.candidate_id,
        ...place,
        reason: c.reason,
        status: 'open' as const,
        detected_at: now,
      })),
    });
  } catch (error) {
    // Someone registered the same national id between the check and the write.
    if (nationalId && isViolationOf(error, 'unique', 'persons_by_national_id')) {
      throw await nationalIdTaken(db, nationalId, facility.id, await findNationalIdHolder(db, nationalId));
    }
    throw error;
  }
  const flagged = candidates.map((c) => c.candidate_id);
  const possibleDuplicates =
    flagged.length === 0 ? [] : await walkInRows(db, catchment).where('p.id', 'in', flagged).execute();
  return {
    person: toPersonSummary({ ...person, relationship: 'head' }, flagged.length > 0, today),
    possibleDuplicates: possibleDuplicates.map(toWalkIn),
  };
}
