import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/database';
import { anyKey, gatheredByUuid } from '../../db/gathered-lookup';
import type { DispensingTable } from '../../db/schema.medicines';
import { writeLedgeredTogether, type LedgeredPart, type LedgeredShared } from '../integrity/ledger.repository';
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

/**
 * Prescriptions by id, with where they were written and whether a dispensing already answered
 * them; those of requests that arrive together in one query.
 */
export const findPrescriptionToDispense = gatheredByUuid((db, ids) =>
  db
    .selectFrom('prescriptions as p')
    .innerJoin('facilities as f', 'f.id', 'p.facility_id')
    .selectAll('p')
    .select(['f.kind as facility_kind', 'f.asic_id as facility_asic_id', 'f.parish_code as facility_parish_code'])
    // Asked of each prescription by index: an EXISTS may be planned as one read of every dispensing.
    .select(
      sql<boolean>`(SELECT true FROM dispensings d WHERE d.prescription_id = p.id LIMIT 1) IS NOT NULL`.as('dispensed'),
    )
    .where(sql<boolean>`p.id = ${anyKey(ids, 'uuid')}`)
    .execute(),
);

/** Lots by id, those of requests that arrive together in one query. */
const findLot = gatheredByUuid((db, ids) =>
  db
    .selectFrom('stock_lots')
    .select(['id', 'facility_id', 'medicine_code', 'lot', 'expires_on', 'on_hand'])
    .where(sql<boolean>`id = ${anyKey(ids, 'uuid')}`)
    .execute(),
);

/** The lots named, wherever they are; a lot that does not exist is left out. */
export async function findLots(db: Db, ids: readonly string[]) {
  const found = await Promise.all(ids.map((id) => findLot(db, id)));
  return found.filter((lot) => lot !== undefined);
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

/** What a dispensing gives for each lot it takes from: the columns of `TAKE` and `RECORD`. */
const LINE = {
  lot_id: 'uuid',
  quantity: 'int',
  movement_id: 'uuid',
  dispensing_id: 'uuid',
  today: 'date',
  actor: 'text',
  at: 'timestamptz',
} as const;

/**
 * The units each line takes from its lot. A lot that has expired by the line's day is set to -1
 * units, which its check refuses, as it refuses going below zero: either way the whole statement
 * fails with the check violation and nothing is written. The lots are also named as an array,
 * which the planner reads as a few keys to find by index; joined only to the lines, which it
 * cannot count, it would read every lot of the country.
 */
const TAKE: Omit<LedgeredShared, 'given'> = {
  entity: 'stock_lots',
  action: 'update',
  name: 'dispensing_takes',
  types: LINE,
  keyColumn: 'lot_id',
  query: (line) => sql`
    UPDATE stock_lots l
    SET on_hand = CASE WHEN l.expires_on >= v.today THEN l.on_hand - v.quantity ELSE -1 END, updated_at = v.at
    FROM ${line} v WHERE l.id = v.lot_id AND l.id = ANY(ARRAY(SELECT lot_id FROM ${line}))
    RETURNING l.*`,
};

/** The movement of each line, with the lot's balance after it. */
const RECORD: Omit<LedgeredShared, 'given'> = {
  entity: 'stock_movements',
  action: 'create',
  name: 'dispensing_movements',
  types: LINE,
  keyColumn: 'movement_id',
  query: (line, shared) => sql`
    INSERT INTO stock_movements (id, facility_id, state_code, medicine_code, stock_lot_id, kind, quantity,
                                 balance_after, dispensing_id, occurred_on, recorded_by, recorded_at)
    SELECT v.movement_id, t.facility_id, t.state_code, t.medicine_code, t.id, 'dispense', -v.quantity,
           t.on_hand, v.dispensing_id, v.today, v.actor, v.at
    FROM ${shared(TAKE.name)} t JOIN ${line} v ON v.lot_id = t.id
    RETURNING *`,
};

/**
 * Writes a dispensing, takes its units from the lots named (`TAKE`) and records one movement per
 * lot, all on the ledger, in one statement, which the dispensings made at the same moment share.
 * Returns the dispensing as written.
 */
export async function writeDispensing(
  db: Db,
  actor: string,
  dispensing: Insertable<DispensingTable>,
  lines: readonly DispensedLine[],
  today: string,
): Promise<DispensingRow> {
  const at = new Date();
  const given = lines.map((l) => ({
    lot_id: l.lotId,
    quantity: l.quantity,
    movement_id: l.movementId,
    dispensing_id: dispensing.id,
    today,
    actor,
    at,
  }));
  const parts: LedgeredPart[] = [{ entity: 'dispensings', action: 'create', rows: [dispensing] }];
  if (lines.length > 0) parts.push({ ...TAKE, given }, { ...RECORD, given });
  const [[written]] = (await writeLedgeredTogether(db, actor, parts, {
    updates: lines.map((l) => `stock_lots:${l.lotId}`),
  })) as [Record<string, unknown>[]];
  const row = written as DispensingRow & { dispensed_at: string };
  return { ...row, dispensed_at: new Date(row.dispensed_at) };
}
