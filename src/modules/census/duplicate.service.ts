import type { Db } from '../../db/database';
import type { Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import {
  findFlag,
  listDuplicateFlags,
  lockFlag,
  lockPersons,
  mergeRecords,
  resolveFlag,
  type DuplicateListRow,
} from './duplicate.repository';
import type { DuplicateFlag, ListDuplicatesQuery } from './duplicate.schema';
import { findPostForCareTeam } from './person.access';

/**
 * A flag as the registrar sees it. A pair may span two facilities (a walk-in registered at an
 * emergency room and someone of a post it serves): the address of a person held elsewhere is left
 * out, since the emergency room sees only what tells people apart, never their record.
 */
function toDuplicateFlag(r: DuplicateListRow, mayReadPlace: (facilityId: string) => boolean): DuplicateFlag {
  return {
    id: r.id,
    reason: r.reason as DuplicateFlag['reason'],
    status: r.status,
    detectedAt: new Date(r.detected_at).toISOString(),
    resolvedBy: r.resolved_by === null ? null : (r.resolved_by_name ?? r.resolved_by),
    resolvedAt: r.resolved_at === null ? null : new Date(r.resolved_at).toISOString(),
    person: {
      id: r.person_id,
      firstNames: r.p_first_names,
      lastNames: r.p_last_names,
      sex: r.p_sex,
      birthDate: r.p_birth_date,
      nationalId: r.p_national_id,
      householdId: r.p_household_id,
      address: mayReadPlace(r.p_facility_id) ? r.p_address : null,
      mergedInto: r.p_merged_into,
    },
    candidate: {
      id: r.candidate_id,
      firstNames: r.c_first_names,
      lastNames: r.c_last_names,
      sex: r.c_sex,
      birthDate: r.c_birth_date,
      nationalId: r.c_national_id,
      householdId: r.c_household_id,
      address: mayReadPlace(r.c_facility_id) ? r.c_address : null,
      mergedInto: r.c_merged_into,
    },
  };
}

/**
 * The possible duplicates flagged at a facility, for its registrar: a post's census, or the
 * people an emergency room registered with no record.
 */
export async function listPostDuplicates(db: Db, access: Access, facilityId: string, query: ListDuplicatesQuery) {
  await findPostForCareTeam(db, access, facilityId, 'census.merge');
  const { rows, total } = await listDuplicateFlags(db, { facilityId, ...query });
  const mayReadPlace = (id: string) => access.canAtFacility('census.read', id);
  return {
    items: rows.map((r) => toDuplicateFlag(r, mayReadPlace)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The open flag, locked, with both persons locked, after checking the caller may resolve it. */
async function lockOpenFlag(tx: Db, access: Access, id: string) {
  const found = await findFlag(tx, id);
  if (!found) throw new AppError('DUPLICATE_CANDIDATE_NOT_FOUND');
  access.requireAtFacility('census.merge', found.facility_id, 'DUPLICATE_CANDIDATE_NOT_FOUND');
  const flag = await lockFlag(tx, id);
  if (flag.status !== 'open') {
    throw new AppError('DUPLICATE_ALREADY_RESOLVED', `This possible duplicate was already ${flag.status}`);
  }
  const persons = await lockPersons(tx, [flag.person_id, flag.candidate_id]);
  // either person may have moved to another post since the flag was raised
  for (const person of persons) access.requireAtFacility('census.merge', person.facility_id, 'PERSON_NOT_FOUND');
  return { flag, persons };
}

async function flagById(db: Db, access: Access, id: string): Promise<DuplicateFlag> {
  const { rows } = await listDuplicateFlags(db, { flagId: id, page: 1, pageSize: 1 });
  return toDuplicateFlag(rows[0]!, (facilityId) => access.canAtFacility('census.read', facilityId));
}

/** Keeps one record of a pair and merges the other into it; never done without the registrar. */
export async function mergeDuplicate(db: Db, access: Access, id: string, keepPersonId: string): Promise<DuplicateFlag> {
  await db.transaction().execute(async (tx) => {
    const { flag, persons } = await lockOpenFlag(tx, access, id);
    if (keepPersonId !== flag.person_id && keepPersonId !== flag.candidate_id) {
      throw fieldError('VALIDATION_FAILED', 'keepPersonId', 'Keep one of the two persons of the pair');
    }
    const kept = persons.find((p) => p.id === keepPersonId)!;
    const merged = persons.find((p) => p.id !== keepPersonId)!;
    if (kept.merged_into || merged.merged_into) {
      throw new AppError('DUPLICATE_ALREADY_RESOLVED', 'One of the pair was already merged into another record');
    }
    await resolveFlag(tx, access.userId, id, 'merged');
    await mergeRecords(tx, access.userId, kept, merged, id);
  });
  return flagById(db, access, id);
}

/** Closes a flag: the two are different people. */
export async function dismissDuplicate(db: Db, access: Access, id: string): Promise<DuplicateFlag> {
  await db.transaction().execute(async (tx) => {
    await lockOpenFlag(tx, access, id);
    await resolveFlag(tx, access.userId, id, 'dismissed');
  });
  return flagById(db, access, id);
}
