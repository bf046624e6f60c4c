import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { AccessDenied, type Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { findStockFacility, type StockFacility } from './stock.repository';

/**
 * The facility whose stock the caller reads or writes. A facility's stock is written only by its
 * own staff (a role held at that very facility); territory roles with `medicines.oversee` read it.
 * Anyone else gets a 404, as if the stock did not exist, and the refusal is logged.
 */
export async function findFacilityForStock(
  db: Db,
  access: Access,
  facilityId: string,
  permission: 'medicines.read' | 'medicines.write',
): Promise<StockFacility> {
  const facility = await findStockFacility(db, facilityId);
  if (!facility) throw new AppError('STOCK_FACILITY_NOT_FOUND');
  if (access.canAtFacility(permission, facility.id)) return facility;
  if (permission === 'medicines.read' && access.canAt('medicines.oversee', facility.parish_code)) return facility;
  throw new AccessDenied('STOCK_FACILITY_NOT_FOUND', `${permission} outside the facility`);
}

/**
 * Checks that a named approver of count differences may approve them: someone other than the
 * counter, holding `medicines.approve` at the facility (its pharmacist or doctor) or over its
 * territory (the coordinator). Throws a field error on `approvedBy` otherwise.
 */
export async function requireEligibleApprover(
  db: Db,
  facility: StockFacility,
  approverId: string,
  counterId: string,
): Promise<void> {
  const refuse = () =>
    fieldError('APPROVER_NOT_ELIGIBLE', 'approvedBy', 'Choose someone else who keeps or oversees this stock');
  if (approverId === counterId) throw refuse();
  const found = await db
    .selectFrom('role_assignments')
    .select('id')
    .where('user_id', '=', approverId)
    .where((eb) =>
      eb.or([
        eb.and([eb('facility_id', '=', facility.id), eb('role', 'in', ['pharmacist', 'facility_clinician'])]),
        eb.and([
          eb('role', '=', 'territory_coordinator'),
          eb.or([
            eb('territory_code', '=', 'VE'),
            eb('territory_code', '=', facility.parish_code),
            eb(sql.val(facility.parish_code), 'like', sql<string>`territory_code || '-%'`),
          ]),
        ]),
      ]),
    )
    .executeTakeFirst();
  if (!found) throw refuse();
}

/** Who may approve the differences of a count at the facility (the counter excluded). */
export async function listApprovers(db: Db, facility: StockFacility, counterId: string) {
  return db
    .selectFrom('role_assignments as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.display_name as name'])
    .distinct()
    .where('u.id', '<>', counterId)
    .where('u.active', '=', true)
    .where((eb) =>
      eb.or([
        eb.and([eb('r.facility_id', '=', facility.id), eb('r.role', 'in', ['pharmacist', 'facility_clinician'])]),
        eb.and([
          eb('r.role', '=', 'territory_coordinator'),
          eb.or([
            eb('r.territory_code', '=', 'VE'),
            eb('r.territory_code', '=', facility.parish_code),
            eb(sql.val(facility.parish_code), 'like', sql<string>`r.territory_code || '-%'`),
          ]),
        ]),
      ]),
    )
    .orderBy('name')
    .execute();
}
