import type { Db } from '../../db/database';
import type { Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { walkInCatchment } from '../census/person.access';
import { normalizeNationalId } from '../census/person.rules';
import { containsPattern } from '../territory/territory.rules';
import { findFacilityForTeam } from './services.access';

/** Whom an emergency room may look for: a few words of the name, or the national id. */
const SHORTEST_NAME_QUERY = 3;

/**
 * People an emergency room may attend without a referral, found by national id or by name among
 * the population it serves (its ASIC's posts, and people it registered itself): only what is
 * needed to tell them apart, never their record. The record opens once they are attended.
 */
export async function searchWalkIns(db: Db, access: Access, facilityId: string, query: string) {
  const facility = await findFacilityForTeam(db, access, facilityId, 'care.write');
  if (!facility.services.includes('EMERGENCY_ROOM'))
    throw fieldError('SERVICE_NOT_OFFERED', 'facilityId', `${facility.name} has no emergency room`);
  const nationalId = normalizeNationalId(query);
  const words = query.trim();
  if (!nationalId && words.length < SHORTEST_NAME_QUERY) {
    throw new AppError('VALIDATION_FAILED', 'Write a national id or at least 3 letters of the name', [
      { field: 'q', message: 'Write a national id or at least 3 letters of the name', code: 'VALIDATION_FAILED' },
    ]);
  }
  const catchment = await walkInCatchment(db, facility.id);
  let search = db
    .selectFrom('persons as p')
    .innerJoin('facilities as f', 'f.id', 'p.facility_id')
    .select(['p.id', 'p.first_names', 'p.last_names', 'p.sex', 'p.birth_date', 'p.national_id', 'f.name as post_name'])
    .where('p.facility_id', 'in', catchment)
    .where('p.vital_status', '=', 'alive')
    .where('p.merged_into', 'is', null);
  search = nationalId
    ? search.where('p.national_id', '=', nationalId)
    : search.where('p.search_name', 'like', containsPattern(words));
  const rows = await search.orderBy('p.last_names').orderBy('p.first_names').limit(20).execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: `${r.first_names} ${r.last_names}`,
      sex: r.sex,
      birthDate: r.birth_date,
      nationalId: r.national_id,
      postName: r.post_name,
    })),
  };
}
