import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { DispensingTable } from '../../db/schema.medicines';
import { writeLedgeredTogether, type LedgeredPart } from '../integrity/ledger.repository';
import type { DispensingRow } from './stock.repository';

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

/** A prescription with where it was written and whether a dispensing already answered it: one query. */
export async function findPrescriptionToDispense(db: Db, id: string) {
  return db
    .selectFrom('prescriptions as p')
    .innerJoin('facilities as f', 'f.id', 'p.facility_id')
    .selectAll('p')
    .select(['f.kind as facility_kind', 'f.asic_id as facility_asic_id', 'f.parish_code as facility_parish_code'])
    .select((eb) =>
      eb
        .exists(eb.selectFrom('dispensings as d').select('d.id').whereRef('d.prescription_id', '=', 'p.id'))
        .as('dispensed'),
    )
    .where('p.id', '=', id)
    .executeTakeFirst();
}

/** The lots named, wherever they are. */
export async function findLots(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('stock_lots')
    .select(['id', 'facility_id', 'medicine_code', 'lot', 'expires_on', 'on_hand'])
    .where('id', 'in', ids)
    .execute();
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

export interface DispensedLine {
  lotId: string;
  quantity: number;
  movementId: string;
}

/**
 * Writes a dispensing, takes its units from the lots named and records one movement per lot, all
 * on the ledger, in one statement. A lot that has expired by `today` is set to -1 units, which its
 * check refuses, as it refuses going below zero: either way the whole statement fails with the
 * check violation and nothing is written. Returns the dispensing as written.
 */
export async function writeDispensing(
  db: Db,
  actor: string,
  dispensing: Insertable<DispensingTable>,
  lines: readonly DispensedLine[],
  today: string,
): Promise<DispensingRow> {
  const now = new Date();
  const parts: LedgeredPart[] = [
    { entity: 'dispensings', action: 'create', query: db.insertInto('dispensings').values(dispensing).returningAll() },
  ];
  if (lines.length > 0) {
    const values = sql`(VALUES ${sql.join(
      lines.map((l) => sql`(${l.lotId}::uuid, ${l.quantity}::int, ${l.movementId}::uuid)`),
    )}) AS v(lot_id, quantity, movement_id)`;
    parts.push(
      {
        entity: 'stock_lots',
        action: 'update',
        name: 'taken',
        query: sql`
          UPDATE stock_lots l
          SET on_hand = CASE WHEN l.expires_on >= ${today} THEN l.on_hand - v.quantity ELSE -1 END, updated_at = ${now}
          FROM ${values} WHERE l.id = v.lot_id
          RETURNING l.*`,
      },
      {
        entity: 'stock_movements',
        action: 'create',
        query: (cte) => sql`
          INSERT INTO stock_movements (id, facility_id, state_code, medicine_code, stock_lot_id, kind, quantity,
                                       balance_after, dispensing_id, occurred_on, recorded_by, recorded_at)
          SELECT v.movement_id, t.facility_id, t.state_code, t.medicine_code, t.id, 'dispense', -v.quantity,
                 t.on_hand, ${dispensing.id}, ${today}, ${actor}, ${now}
          FROM ${cte('taken')} t JOIN ${values} ON v.lot_id = t.id
          RETURNING *`,
      },
    );
  }
  const [[written]] = (await writeLedgeredTogether(
    db,
    actor,
    parts,
    lines.map((l) => `stock_lots:${l.lotId}`),
  )) as [Record<string, unknown>[]];
  const row = written as DispensingRow & { dispensed_at: string };
  return { ...row, dispensed_at: new Date(row.dispensed_at) };
}
