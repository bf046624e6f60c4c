import type { Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { PersonTable } from '../../db/schema';
import { Access, AccessDenied, type Permission } from '../../server/access';
import { AppError } from '../../server/errors';

export type PersonRow = Selectable<PersonTable>;

/**
 * The person, when the caller is on the care team of the person's post and holds the permission
 * there, or — for reading — when the caller's facility received a referral of the person (from
 * the moment it was sent, DESIGN §3.5); otherwise 404, as if the person did not exist (the refusal
 * is logged).
 */
export async function findPersonForCareTeam(
  db: Db,
  access: Access,
  personId: string,
  permission: Permission,
): Promise<PersonRow> {
  const person = await db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirst();
  if (!person) throw new AppError('PERSON_NOT_FOUND');
  if (access.canAtFacility(permission, person.facility_id)) return person;
  if (READ_BY_REFERRAL.has(permission) && (await wasReferredToCallersFacility(db, access, person.id, permission)))
    return person;
  access.requireAtFacility(permission, person.facility_id, 'PERSON_NOT_FOUND');
  return person;
}

/** Permissions a facility the person was referred to holds over the person's record: reading it. */
const READ_BY_REFERRAL: ReadonlySet<Permission> = new Set(['census.read', 'care.read']);

/** Whether a facility where the caller holds the permission has received a referral of the person. */
function wasReferredToCallersFacility(db: Db, access: Access, personId: string, permission: Permission) {
  return wasReferredTo(db, personId, access.facilitiesFor(permission));
}

/**
 * Whether any of these facilities has received a referral of the person: from that moment the
 * facility may read the person's record and care for them (DESIGN §3.5). The one place this rule lives.
 */
export async function wasReferredTo(db: Db, personId: string, facilityIds: readonly string[]): Promise<boolean> {
  if (facilityIds.length === 0) return false;
  const referral = await db
    .selectFrom('referrals')
    .select('id')
    .where('person_id', '=', personId)
    .where('to_facility_id', 'in', facilityIds)
    .limit(1)
    .executeTakeFirst();
  return referral !== undefined;
}

/** Throws HOUSEHOLD_NOT_FOUND unless the caller holds the permission at the household's post. */
export async function findHouseholdForCareTeam(db: Db, access: Access, householdId: string, permission: Permission) {
  const household = await db.selectFrom('households').selectAll().where('id', '=', householdId).executeTakeFirst();
  if (!household) throw new AppError('HOUSEHOLD_NOT_FOUND');
  access.requireAtFacility(permission, household.facility_id, 'HOUSEHOLD_NOT_FOUND');
  return household;
}

/**
 * The post, when the caller holds the permission there through a role at it. Outsiders get 404,
 * as if the post did not exist; a member of its team who lacks the permission gets 403. Both
 * refusals are logged.
 */
export async function findPostForCareTeam(db: Db, access: Access, facilityId: string, permission: Permission) {
  const post = await db
    .selectFrom('facilities as f')
    .innerJoin('parishes as p', 'p.code', 'f.parish_code')
    .select([
      'f.id',
      'f.code',
      'f.name',
      'f.kind',
      'f.state_code',
      'f.parish_code',
      'f.sector_id',
      'f.target_families',
      'p.name as parish_name',
    ])
    .where('f.id', '=', facilityId)
    .executeTakeFirst();
  if (!post) throw new AppError('FACILITY_NOT_FOUND');
  if (access.canAtFacility(permission, facilityId)) return post;
  if (access.canAtFacility('census.read', facilityId)) throw new AccessDenied('NOT_PERMITTED', `lacks ${permission}`);
  access.requireAtFacility(permission, facilityId, 'FACILITY_NOT_FOUND');
  return post;
}

/**
 * Who may read the log of who opened a person's record: the team of the person's post holding
 * reads.audit there, and auditors whose territory covers the post's parish. A facility role is
 * scoped to its facility's parish, so only territory roles count for the second rule: the team of
 * a neighbouring post in the same parish must not read this post's log.
 */
export function canReadRecordLog(access: Access, person: { facility_id: string }, parishCode: string): boolean {
  if (access.canAtFacility('reads.audit', person.facility_id)) return true;
  const territoryRoles = new Access(
    access.actor,
    access.assignments.filter((a) => a.facilityId === null),
  );
  return territoryRoles.canAt('reads.audit', parishCode);
}

/** The person and the post's parish, when the caller may read who opened the record (404 otherwise, logged). */
export async function findPersonForReadAudit(db: Db, access: Access, personId: string) {
  const person = await db
    .selectFrom('persons as p')
    .innerJoin('facilities as f', 'f.id', 'p.facility_id')
    .select(['p.id', 'p.facility_id', 'f.parish_code'])
    .where('p.id', '=', personId)
    .executeTakeFirst();
  if (!person) throw new AppError('PERSON_NOT_FOUND');
  if (!canReadRecordLog(access, person, person.parish_code)) {
    throw new AccessDenied('PERSON_NOT_FOUND', 'reads.audit outside the care team and territory');
  }
  return person;
}
