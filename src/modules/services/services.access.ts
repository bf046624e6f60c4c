import type { Db } from '../../db/database';
import type { Access, Permission } from '../../server/access';
import { AppError, ERRORS, fieldError } from '../../server/errors';
import { isInCareOf, mayAttendWalkIn } from '../census/person.access';

/**
 * The facility where a tier II–IV service is given, when the caller holds the permission there
 * through a role at it; anyone else gets 404 as if it did not exist (logged), naming `field`
 * when given.
 */
export async function findFacilityForTeam(
  db: Db,
  access: Access,
  facilityId: string,
  permission: Permission,
  field?: string,
) {
  access.requireAtFacility(permission, facilityId, 'FACILITY_NOT_FOUND', field);
  const facility = await db
    .selectFrom('facilities')
    .select(['id', 'name', 'kind', 'tier', 'status', 'services', 'state_code', 'beds_ward', 'beds_icu'])
    .where('id', '=', facilityId)
    .executeTakeFirst();
  if (!facility)
    throw field
      ? fieldError('FACILITY_NOT_FOUND', field, ERRORS.FACILITY_NOT_FOUND.title)
      : new AppError('FACILITY_NOT_FOUND');
  return facility;
}
export type TeamFacility = Awaited<ReturnType<typeof findFacilityForTeam>>;

/**
 * A person the facility may care for: one of its own (a post's people) or one in its care
 * (referred to it, sent for an exam, attended in its emergency room). Anyone else is
 * PERSON_NOT_FOUND, so a facility cannot reach into records it has no part in.
 */
export async function findPersonAtFacility(db: Db, personId: string, facilityId: string) {
  const person = await db
    .selectFrom('persons')
    .select(['id', 'facility_id', 'state_code', 'vital_status', 'first_names', 'last_names', 'died_on'])
    .where('id', '=', personId)
    .executeTakeFirst();
  const ours = person && (person.facility_id === facilityId || (await isInCareOf(db, person.id, [facilityId])));
  if (!person || !ours) throw personNotHere();
  return person;
}

function personNotHere() {
  const message = 'No person of this facility or in its care has this id';
  return new AppError('PERSON_NOT_FOUND', message, [{ field: 'personId', message, code: 'PERSON_NOT_FOUND' }]);
}

/**
 * A person the facility's emergency room may attend: anyone it may care for, and — arriving
 * without a referral — anyone of the population it serves (see `mayAttendWalkIn`).
 */
export async function findPersonForEmergency(db: Db, personId: string, facilityId: string) {
  const person = await db
    .selectFrom('persons')
    .select(['id', 'facility_id', 'state_code', 'vital_status', 'first_names', 'last_names', 'died_on'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person || !(await mayAttendWalkIn(db, person, facilityId))) throw personNotHere();
  return person;
}

/** A referral, when it goes to this facility and is of this person; otherwise a field error. */
export async function requireReferralTo(
  db: Db,
  referralId: string | null | undefined,
  facilityId: string,
  personId: string,
) {
  if (!referralId) return null;
  const referral = await db
    .selectFrom('referrals')
    .select('id')
    .where('id', '=', referralId)
    .where('to_facility_id', '=', facilityId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (!referral) {
    throw new AppError('REFERRAL_NOT_FOUND', 'No referral of this person to this facility has this id', [
      {
        field: 'referralId',
        message: 'No referral of this person to this facility has this id',
        code: 'REFERRAL_NOT_FOUND',
      },
    ]);
  }
  return referral.id;
}
