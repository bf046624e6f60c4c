import type { Db } from '../../db/database';
import { AccessDenied, type Access, type Permission } from '../../server/access';
import { AppError, type ErrorCode } from '../../server/errors';
import { findPersonForCareTeam, type PersonRow } from '../census/person.access';

/**
 * The person a clinical record (an encounter, a pregnancy, a dose) belongs to, when the caller is
 * on the person's care team; otherwise the record's own not-found code, so that a record id never
 * reveals more than a 404 would. Who may see a person is decided by `findPersonForCareTeam` alone;
 * this only renames its answer, keeping a refusal a logged refusal.
 */
export async function findPersonOfRecord(
  db: Db,
  access: Access,
  personId: string,
  permission: Permission,
  hidden: ErrorCode,
): Promise<PersonRow> {
  try {
    return await findPersonForCareTeam(db, access, personId, permission);
  } catch (error) {
    if (error instanceof AccessDenied) throw new AccessDenied(hidden, error.reason);
    if (error instanceof AppError && error.code === 'PERSON_NOT_FOUND') throw new AppError(hidden);
    throw error;
  }
}

/** Throws PERSON_DECEASED, naming the person, when the person is recorded as dead. */
export function requireAlive(person: PersonRow): void {
  if (person.vital_status === 'dead') {
    throw new AppError('PERSON_DECEASED', `This person died on ${person.died_on}`, [
      { field: 'id', message: `This person died on ${person.died_on}`, code: 'PERSON_DECEASED' },
    ]);
  }
}
