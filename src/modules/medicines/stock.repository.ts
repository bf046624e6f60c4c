import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../db/database';
import { anyKey, gatheredByUuid } from '../../db/gathered-lookup';
import type {
  DispensingTable,
  StockCountTable,
  StockLotTable,
  StockMovementTable,
  StockTransferTable,
} from '../../db/schema.medicines';
import { writeLedgered } from '../integrity/ledger.repository';

export type StockLotRow = Selectable<StockLotTable>;
export type MovementRow = Selectable<StockMovementTable>;
export type TransferRow = Selectable<StockTransferTable>;
export type DispensingRow = Selectable<DispensingTable>;

export interface StockFacility {
  id: string;
  name: string;
  kind: string;
  status: string;
  state_code: string;
  parish_code: string;
  asic_id: string | null;
}

/** Facilities by id, those of requests that arrive together in one query; an id that is not a UUID names none. */
export const findStockFacility = gatheredByUuid((db, ids): Promise<StockFacility[]> =>
  db
    .selectFrom('facilities')
    .select(['id', 'name', 'kind', 'status', 'state_code', 'parish_code', 'asic_id'])
    .where(sql<boolean>`id = ${anyKey(ids, 'uuid')}`)
    .execute(),
);

/**
 * The operating dispensaries that serve a facility's patients: those of its ASIC, or of its parish
 * when it belongs to none (docs/decisions/0007-medicines.md).
 */
export async function findServingDispensaries(db: Db, facility: StockFacility): Promise<StockFacility[]> {
  let query = db
    .selectFrom('facilities')
    .select(['id', 'name', 'kind', 'status', 'state_code', 'parish_code', 'asic_id'])
    .where('kind', '=', 'dispensary')
    .where('status', '=', 'operating')
    .where('id', '<>', facility.id);
  query = facility.asic_id
    ? query.where('asic_id', '=', facility.asic_id)
    : query.where('parish_code', '=', facility.parish_code);
  return query.orderBy('name').execute();
}

/** Post kinds whose prescriptions a popular dispensary fills. */
export const POST_KINDS = ['consultorio_popular', 'clinica_popular'];

/** Whether a facility fills prescriptions written at another: its own, or its ASIC's (parish's) posts at a dispensary. */
export function serves(
  facility: StockFacility,
  written: { id: string; kind: string; asic_id: string | null; parish_code: string },
): boolean {
  if (written.id === facility.id) return true;
  if (facility.kind !== 'dispensary' || !POST_KINDS.includes(written.kind)) return false;
  return facility.asic_id ? written.asic_id === facility.asic_id : written.parish_code === facility.parish_code;
}

/** The facilities whose prescriptions a dispensary (or any facility, for its own) fills. */
export async function findServedFacilityIds(db: Db, facility: StockFacility): Promise<string[]> {
  if (facility.kind !== 'dispensary') return [facility.id];
  let query = db.selectFrom('facilities').select('id').where('kind', 'in', POST_KINDS);
  query = facility.asic_id
    ? query.where('asic_id', '=', facility.asic_id)
    : query.where('parish_code', '=', facility.parish_code);
  return [facility.id, ...(await query.execute()).map((r) => r.id)];
}

export async function findLot(db: Db, id: string): Promise<StockLotRow | undefined> {
  return db.selectFrom('stock_lots').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findLotByCode(
  db: Db,
  facilityId: string,
  medicineCode: string,
  lot: string,
): Promise<StockLotRow | undefined> {
  return db
    .selectFrom('stock_lots')
    .selectAll()
    .where('facility_id', '=', facilityId)
    .where('medicine_code', '=', medicineCode)
    .where('lot', '=', lot)
    .executeTakeFirst();
}

/** A new lot on a facility's shelf with its first units. */
export async function insertLot(tx: Db, actor: string, row: Insertable<StockLotTable>): Promise<StockLotRow> {
  const [written] = await writeLedgered(
    tx,
    actor,
    'create',
    'stock_lots',
    tx.insertInto('stock_lots').values(row).returningAll(),
  );
  return written!;
}

/** Adds units to a lot (a receipt, a transfer in, a find). */
export async function addToLot(tx: Db, actor: string, lotId: string, quantity: number): Promise<StockLotRow> {
  const [written] = await writeLedgered(
    tx,
    actor,
    'update',
    'stock_lots',
    tx
      .updateTable('stock_lots')
      .set({ on_hand: sql<number>`on_hand + ${quantity}`, updated_at: new Date() })
      .where('id', '=', lotId)
      .returningAll(),
  );
  return written!;
}

/**
 * Takes units from a lot only if it holds them and, when `unexpiredOn` is given, has not expired:
 * one conditional UPDATE, so two dispensers taking the last units cannot both succeed (the second
 * waits for the first's row lock, then finds the condition false). Undefined when refused.
 */
export async function takeFromLot(
  tx: Db,
  actor: string,
  lotId: string,
  quantity: number,
  unexpiredOn: string | null,
): Promise<StockLotRow | undefined> {
  let update = tx
    .updateTable('stock_lots')
    .set({ on_hand: sql<number>`on_hand - ${quantity}`, updated_at: new Date() })
    .where('id', '=', lotId)
    .where('on_hand', '>=', quantity);
  if (unexpiredOn) update = update.where('expires_on', '>=', unexpiredOn);
  const [written] = await writeLedgered(tx, actor, 'update', 'stock_lots', update.returningAll());
  return written;
}

/** Locks a facility's lots for a count, so the balance a count compares with cannot move under it. */
export async function lockLots(tx: Db, lotIds: string[]): Promise<StockLotRow[]> {
  if (lotIds.length === 0) return [];
  return tx.selectFrom('stock_lots').selectAll().where('id', 'in', lotIds).orderBy('id').forUpdate().execute();
}

/** Sets a counted lot's balance to what is on the shelf. */
export async function setLotBalance(tx: Db, actor: string, lotId: string, onHand: number): Promise<StockLotRow> {
  const [written] = await writeLedgered(
    tx,
    actor,
    'update',
    'stock_lots',
    tx
      .updateTable('stock_lots')
      .set({ on_hand: onHand, updated_at: new Date() })
      .where('id', '=', lotId)
      .returningAll(),
  );
  return written!;
}

export async function insertMovements(
  tx: Db,
  actor: string,
  rows: Insertable<StockMovementTable>[],
): Promise<MovementRow[]> {
  if (rows.length === 0) return [];
  return writeLedgered(
    tx,
    actor,
    'create',
    'stock_movements',
    tx.insertInto('stock_movements').values(rows).returningAll(),
  );
}

export async function insertDispensing(
  tx: Db,
  actor: string,
  row: Insertable<DispensingTable>,
): Promise<DispensingRow> {
  const [written] = await writeLedgered(
    tx,
    actor,
    'create',
    'dispensings',
    tx.insertInto('dispensings').values(row).returningAll(),
  );
  return written!;
}

export async function insertCount(tx: Db, actor: string, row: Insertable<StockCountTable>) {
  const [written] = await writeLedgered(
    tx,
    actor,
    'create',
    'stock_counts',
    tx.insertInto('stock_counts').values(row).returningAll(),
  );
  return written!;
}

export async function insertTransfer(tx: Db, actor: string, row: Insertable<StockTransferTable>): Promise<TransferRow> {
  const [written] = await writeLedgered(
    tx,
    actor,
    'create',
    'stock_transfers',
    tx.insertInto('stock_transfers').values(row).returningAll(),
  );
  return written!;
}

export async function findTransfer(db: Db, id: string): Promise<TransferRow | undefined> {
  return db.selectFrom('stock_transfers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Settles a transfer still in transit; undefined when someone settled it first. */
export async function settleTransfer(
  tx: Db,
  actor: string,
  id: string,
  status: 'received' | 'lost',
  lostReason: string | null,
): Promise<TransferRow | undefined> {
  const [written] = await writeLedgered(
    tx,
    actor,
    'update',
    'stock_transfers',
    tx
      .updateTable('stock_transfers')
      .set({ status, settled_by: actor, settled_at: new Date(), lost_reason: lostReason })
      .where('id', '=', id)
      .where('status', '=', 'in_transit')
      .returningAll(),
  );
  return written;
}

export async function listTransfers(db: Db, facilityId: string) {
  return db
    .selectFrom('stock_transfers as t')
    .innerJoin('facilities as f', 'f.id', 't.from_facility_id')
    .innerJoin('facilities as g', 'g.id', 't.to_facility_id')
    .innerJoin('medicines as m', 'm.code', 't.medicine_code')
    .select([
      't.id',
      't.from_facility_id',
      't.to_facility_id',
      'f.name as from_name',
      'g.name as to_name',
      't.medicine_code',
      'm.name_es',
      'm.strength',
      't.lot',
      't.expires_on',
      't.quantity',
      't.document_number',
      't.status',
      't.sent_at',
      't.settled_at',
      't.lost_reason',
    ])
    .where((eb) => eb.or([eb('t.from_facility_id', '=', facilityId), eb('t.to_facility_id', '=', facilityId)]))
    .orderBy('t.sent_at', 'desc')
    .limit(200)
    .execute();
}

/** Every lot a facility holds or held, with its medicine: stock on hand, read from the balances. */
export async function listFacilityLots(db: Db, facilityId: string) {
  return db
    .selectFrom('stock_lots')
    .select(['id', 'medicine_code', 'lot', 'expires_on', 'on_hand'])
    .where('facility_id', '=', facilityId)
    .execute();
}

/** Units dispensed per medicine at a facility since a day. */
export async function dispensedSince(db: Db, facilityId: string, since: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('stock_movements')
    .select(['medicine_code', sql<number>`-sum(quantity)::int`.as('units')])
    .where('facility_id', '=', facilityId)
    .where('kind', '=', 'dispense')
    .where('occurred_on', '>=', since)
    .groupBy('medicine_code')
    .execute();
  return new Map(rows.map((r) => [r.medicine_code, Number(r.units)]));
}

/** A lot's movements, newest first. */
export async function listLotMovements(db: Db, lotId: string) {
  return db
    .selectFrom('stock_movements')
    .selectAll()
    .where('stock_lot_id', '=', lotId)
    .orderBy('recorded_at', 'desc')
    .limit(200)
    .execute();
}
