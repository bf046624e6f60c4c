import type { Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { PersonTable } from '../../db/schema';
import type { Access, Permission } from '../../server/access';
import { AppError } from '../../server/errors';

export type PersonRow = Selectable<PersonTable>;

/**
 * The person, when the caller is on the care team of the person's post and holds the permission
 * there; otherwise 404, as if the person did not exist (the refusal is logged). Later issues widen
 * this to the facilities the person was referred to or treated at (DESIGN §3.5) — here, in one place.
 */
export async function findPersonForCareTeam(
  db: Db,
  access: Access,
  personId: string,
  permission: Permission,
): Promise<PersonRow> {
  const person = await db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirst();
  if (!person) throw new AppError('PERSON_NOT_FOUND');
  access.requireAtFacility(permission, person.facility_id, 'PERSON_NOT_FOUND');
  return person;
}

/** Throws HOUSEHOLD_NOT_FOUND unless the caller holds the permission at the household's post. */
export async function findHouseholdForCareTeam(db: Db, access: Access, householdId: string, permission: Permission) {
  const household = await db.selectFrom('households').selectAll().where('id', '=', householdId).executeTakeFirst();
  if (!household) throw new AppError('HOUSEHOLD_NOT_FOUND');
  access.requireAtFacility(permission, household.facility_id, 'HOUSEHOLD_NOT_FOUND');
  return household;
}
