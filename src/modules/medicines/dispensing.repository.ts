import { sql } from 'kysely';
import type { Db } from '../../db/database';

/**
 * Prescriptions of these facilities since a day that no dispensing has answered yet, oldest
 * first. Prescriptions of an encounter later corrected or entered in error are left out: the
 * amendment carries the prescriptions that stand.
 */
export async function listUndispensedPrescriptions(db: Db, facilityIds: string[], since: Date, limit = 200) {
  return db
    .selectFrom('prescriptions as p')
    .innerJoin('persons as n', 'n.id', 'p.person_id')
    .innerJoin('facilities as f', 'f.id', 'p.facility_id')
    .select([
      'p.id',
      'p.person_id',
      'p.medicine',
      'p.dose',
      'p.frequency',
      'p.quantity',
      'p.prescribed_at',
      'f.name as facility_name',
      sql<string>`n.first_names || ' ' || n.last_names`.as('person_name'),
    ])
    .where('p.facility_id', 'in', facilityIds)
    .where('p.prescribed_at', '>=', since)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('dispensings as d').select('d.id').whereRef('d.prescription_id', '=', 'p.id'))),
    )
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('encounters as e').select('e.id').whereRef('e.amends_id', '=', 'p.encounter_id'))),
    )
    .orderBy('p.prescribed_at')
    .limit(limit)
    .execute();
}

export async function findPrescription(db: Db, id: string) {
  return db.selectFrom('prescriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function hasDispensing(db: Db, prescriptionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('dispensings')
    .select('id')
    .where('prescription_id', '=', prescriptionId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Usable units per medicine at each facility: lots with stock that have not expired. */
export async function onHandByFacility(db: Db, facilityIds: string[], today: string) {
  if (facilityIds.length === 0) return [];
  return db
    .selectFrom('stock_lots')
    .select(['facility_id', 'medicine_code', sql<number>`sum(on_hand)::int`.as('on_hand')])
    .where('facility_id', 'in', facilityIds)
    .where('expires_on', '>=', today)
    .where('on_hand', '>', 0)
    .groupBy(['facility_id', 'medicine_code'])
    .execute();
}
