import { sql, type Insertable } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/database';
import type {
  DispensingTable,
  StockCountTable,
  StockLotTable,
  StockMovementTable,
  StockTransferTable,
} from '../../db/schema.medicines';
import { addDays, daysBetween } from '../care/calendar';
import { appendRowsToLedger } from '../integrity/ledger.repository';
import type { LedgeredEntity } from '../integrity/ledgered-entities';
import { COUNT_REASONS, isExpired, matchCatalogItem, proposeFefo } from '../medicines/stock.rules';
import { randomFor, type Random } from './demo.rules';

/**
 * A year of the demo ASIC's medicines, planned without I/O: quarterly deliveries to its popular
 * dispensary and CDI, monthly transfers from the dispensary to the demo post, expired lots written
 * off, quarterly counts with a few explained differences, and some medicines left out of stock.
 * With the simulated population, every prescription of its consultations is dispensed at the
 * dispensary (first expiry first out), in part or not at all when the shelf runs short.
 */
export interface DemoMedicines {
  stock_lots: Insertable<StockLotTable>[];
  stock_transfers: Insertable<StockTransferTable>[];
  stock_counts: Insertable<StockCountTable>[];
  dispensings: Insertable<DispensingTable>[];
  stock_movements: Insertable<StockMovementTable>[];
}

interface Place {
  id: string;
  state_code: string;
}

export interface DemoPrescription {
  id: string;
  person_id: string;
  medicine: string;
  quantity: number;
  prescribed_at: Date | string;
}

interface Catalog {
  code: string;
  nameEs: string;
  strength: string;
  chronic: boolean;
}

type Lot = Insertable<StockLotTable> & { id: string; on_hand: number };

/** Medicines the dispensary runs out of: the last delivery of the year never came, and the old lot expired. */
const STOCK_OUTS = 6;

export function planDemoMedicines(input: {
  seed: number;
  today: string;
  catalog: readonly Catalog[];
  dispensary: Place;
  post: Place;
  cdi: Place;
  actors: { pharmacist: string; approver: string; doctor: string };
  prescriptions?: readonly DemoPrescription[];
}): DemoMedicines {
  const { today, catalog, dispensary, post, cdi, actors } = input;
  const rows: DemoMedicines = {
    stock_lots: [],
    stock_transfers: [],
    stock_counts: [],
    dispensings: [],
    stock_movements: [],
  };
  const random = (key: string) => randomFor(input.seed, `medicines:${key}`);
  const start = addDays(today, -364);
  let clock = 0;
  const at = (on: string, r: Random) => {
    const msecs = Date.parse(`${on}T10:00:00-04:00`) + (clock++ % 28_000_000);
    return { id: uuidv7({ msecs, random: r.bytes(16) }), when: new Date(msecs) };
  };
  const lots = new Map<string, Lot>();
  const lotsAt = (facility: string, code: string) =>
    [...lots.values()].filter((l) => l.facility_id === facility && l.medicine_code === code);

  const move = (
    lot: Lot,
    on: string,
    quantity: number,
    fields: Partial<Insertable<StockMovementTable>> & { kind: StockMovementTable['kind'] },
    r: Random,
  ) => {
    lot.on_hand += quantity;
    lot.updated_at = at(on, r).when;
    const { id, when } = at(on, r);
    rows.stock_movements.push({
      id,
      facility_id: lot.facility_id,
      state_code: lot.state_code,
      medicine_code: lot.medicine_code,
      stock_lot_id: lot.id,
      quantity,
      balance_after: lot.on_hand,
      occurred_on: on,
      recorded_by: actors.pharmacist,
      recorded_at: when,
      reason: null,
      source_kind: null,
      source_name: null,
      document_number: null,
      transfer_id: null,
      dispensing_id: null,
      count_id: null,
      counted_quantity: null,
      approved_by: null,
      note: null,
      ...fields,
    });
  };
  const newLot = (place: Place, code: string, lotCode: string, expiresOn: string, on: string, r: Random): Lot => {
    const lot: Lot = {
      id: at(on, r).id,
      facility_id: place.id,
      state_code: place.state_code,
      medicine_code: code,
      lot: lotCode,
      expires_on: expiresOn,
      on_hand: 0,
      updated_at: at(on, r).when,
    };
    lots.set(lot.id, lot);
    return lot;
  };

  // Which items each place keeps: the dispensary most of the module, the CDI a third, the post its chronic and common ones.
  const pick = random('assortment');
  const atDispensary = catalog.filter(() => pick.chance(0.75));
  const atCdi = catalog.filter(() => pick.chance(0.3));
  const atPost = atDispensary.filter((m) => m.chronic).slice(0, 10);
  const stockOuts = new Set(
    atDispensary
      .filter((m) => !atPost.includes(m))
      .slice(-STOCK_OUTS)
      .map((m) => m.code),
  );

  // Demand per item, so that deliveries are sized to what is dispensed (a little short for some).
  const demand = new Map<string, number>();
  // A year's prescriptions name a few dozen medicines: each name is matched against the catalog once.
  const items = new Map<string, Catalog | null>();
  const itemFor = (name: string) => {
    if (!items.has(name)) items.set(name, matchCatalogItem(name, catalog));
    return items.get(name) ?? null;
  };
  const matched = (input.prescriptions ?? []).map((p) => ({ p, item: itemFor(p.medicine) }));
  for (const { p, item } of matched) if (item) demand.set(item.code, (demand.get(item.code) ?? 0) + p.quantity);

  interface Event {
    on: string;
    order: number;
    run: () => void;
  }
  const events: Event[] = [];
  const receiptDays = [0, 91, 182, 273].map((d) => addDays(start, d));
  const receive = (place: Place, m: Catalog, quarter: number, on: string) => {
    const r = random(`receipt:${place.id}:${m.code}:${quarter}`);
    const yearly = demand.get(m.code) ?? 0;
    const base = yearly > 0 ? Math.ceil((yearly / 4) * (0.8 + r.next() * 0.5)) : r.int(4, 20) * 25;
    const shortLived = stockOuts.has(m.code) && place === dispensary;
    const expiresOn = addDays(on, shortLived ? r.int(120, 200) : r.int(420, 900));
    const lot = newLot(
      place,
      m.code,
      `${m.code.slice(4)}-${on.slice(2, 4)}${on.slice(5, 7)}-${r.int(10, 99)}`,
      expiresOn,
      on,
      r,
    );
    move(
      lot,
      on,
      place === post ? base : base + (atPost.includes(m) ? 240 : 0),
      {
        kind: 'receipt',
        source_kind: 'warehouse',
        source_name: 'Almacén regional Distrito Capital',
        document_number: `GR-${on.slice(0, 4)}-${String(r.int(1000, 9999))}`,
      },
      r,
    );
  };
  for (const [q, on] of receiptDays.entries()) {
    for (const m of atDispensary) {
      if (stockOuts.has(m.code) && q > 0) continue;
      events.push({ on, order: 0, run: () => receive(dispensary, m, q, on) });
    }
    for (const m of atCdi) events.push({ on, order: 0, run: () => receive(cdi, m, q, on) });
  }
  // Monthly transfers of the post's chronic items, received the next day.
  for (let month = 0; month < 12; month++) {
    const on = addDays(start, 7 + month * 30);
    for (const m of atPost) {
      events.push({
        on,
        order: 1,
        run: () => {
          const r = random(`transfer:${m.code}:${month}`);
          const [line] = proposeFefo(
            lotsAt(dispensary.id, m.code).map((l) => ({
              id: l.id,
              lot: l.lot,
              expiresOn: l.expires_on as string,
              onHand: l.on_hand,
            })),
            20,
            on,
          );
          if (!line) return;
          const from = lots.get(line.lotId)!;
          const received = addDays(on, 1);
          const inTransit = received > today;
          const { id, when } = at(on, r);
          rows.stock_transfers.push({
            id,
            from_facility_id: dispensary.id,
            to_facility_id: post.id,
            state_code: dispensary.state_code,
            medicine_code: m.code,
            from_lot_id: from.id,
            lot: from.lot,
            expires_on: from.expires_on,
            quantity: line.quantity,
            document_number: `TR-${on.replaceAll('-', '')}-${m.code.slice(4)}`,
            status: inTransit ? 'in_transit' : 'received',
            sent_by: actors.pharmacist,
            sent_at: when,
            settled_by: inTransit ? null : actors.doctor,
            settled_at: inTransit ? null : at(received, r).when,
            lost_reason: null,
          });
          move(from, on, -line.quantity, { kind: 'transfer_out', transfer_id: id }, r);
          if (inTransit) return;
          const there =
            lotsAt(post.id, m.code).find((l) => l.lot === from.lot) ??
            newLot(post, m.code, from.lot, from.expires_on as string, received, r);
          move(there, received, line.quantity, { kind: 'transfer_in', transfer_id: id, recorded_by: actors.doctor }, r);
        },
      });
    }
  }
  // The population's prescriptions, dispensed at the dispensary on the day they were written.
  for (const { p, item } of matched) {
    const on = new Date(p.prescribed_at).toISOString().slice(0, 10);
    if (on < start || on > today) continue;
    events.push({
      on,
      order: 2,
      run: () => {
        const r = random(`dispense:${p.id}`);
        const held = item ? lotsAt(dispensary.id, item.code) : [];
        const lines = proposeFefo(
          held.map((l) => ({ id: l.id, lot: l.lot, expiresOn: l.expires_on as string, onHand: l.on_hand })),
          p.quantity,
          on,
        );
        const given = lines.reduce((n, l) => n + l.quantity, 0);
        const outcome = given === 0 ? 'declined' : given < p.quantity ? 'partial' : 'full';
        const { id, when } = at(on, r);
        rows.dispensings.push({
          id,
          prescription_id: p.id,
          family_package_id: null,
          person_id: p.person_id,
          facility_id: dispensary.id,
          state_code: dispensary.state_code,
          medicine_code: item?.code ?? null,
          outcome,
          requested_quantity: p.quantity,
          dispensed_quantity: given,
          reason:
            outcome === 'full' ? null : !item ? 'not_in_module' : given === 0 ? 'out_of_stock' : 'insufficient_stock',
          note: null,
          dispensed_by: actors.pharmacist,
          dispensed_at: when,
        });
        for (const line of lines)
          move(lots.get(line.lotId)!, on, -line.quantity, { kind: 'dispense', dispensing_id: id }, r);
      },
    });
  }
  // Expired lots come off the shelf the day after they expire.
  for (let day = 0; day <= 364; day++) {
    const on = addDays(start, day);
    events.push({
      on,
      order: 3,
      run: () => {
        for (const lot of lots.values()) {
          if (
            lot.on_hand > 0 &&
            isExpired(lot.expires_on as string, on) &&
            daysBetween(lot.expires_on as string, on) === 1
          )
            move(lot, on, -lot.on_hand, { kind: 'adjustment', reason: 'expired' }, random(`expired:${lot.id}`));
        }
      },
    });
  }
  // Quarterly counts at the dispensary: a dozen lots each, a few with an explained difference.
  for (const [q, offset] of [80, 171, 262, 357].entries()) {
    const on = addDays(start, offset);
    events.push({
      on,
      order: 4,
      run: () => {
        const r = random(`count:${q}`);
        const { id, when } = at(on, r);
        const counted = [...lots.values()]
          .filter((l) => l.facility_id === dispensary.id && l.on_hand > 0)
          .slice(q * 7, q * 7 + 12);
        let differences = 0;
        for (const lot of counted) {
          const delta = r.chance(0.25) && lot.on_hand > 3 ? -r.int(1, 3) : 0;
          if (delta) differences++;
          move(
            lot,
            on,
            delta,
            {
              kind: 'count',
              count_id: id,
              counted_quantity: lot.on_hand + delta,
              reason: delta ? r.pick(COUNT_REASONS.filter((c) => c !== 'found' && c !== 'unrecorded_receipt')) : null,
              approved_by: delta ? actors.approver : null,
              note: delta ? 'Diferencia revisada con la coordinación' : null,
            },
            r,
          );
        }
        rows.stock_counts.push({
          id,
          facility_id: dispensary.id,
          state_code: dispensary.state_code,
          counted_on: on,
          counted_by: actors.pharmacist,
          approved_by: differences > 0 ? actors.approver : null,
          note: null,
          recorded_at: when,
        });
      },
    });
  }
  events.sort((a, b) => a.on.localeCompare(b.on) || a.order - b.order);
  for (const event of events) event.run();
  rows.stock_lots = [...lots.values()];
  return rows;
}

/** Counts a plan's rows, for the progress bar. */
export function countMedicineRows(plan: DemoMedicines): number {
  return Object.values(plan).reduce((n, list: unknown[]) => n + list.length, 0);
}

const ORDER: (keyof DemoMedicines & LedgeredEntity)[] = [
  'stock_lots',
  'stock_transfers',
  'stock_counts',
  'dispensings',
  'stock_movements',
];
const ROWS_PER_TRANSACTION = 2000;

/** Rows of one medicines table that one transaction writes. */
export interface MedicinesStep {
  table: (typeof ORDER)[number];
  rows: { id: string }[];
}

/** The plan cut into transactions of ROWS_PER_TRANSACTION rows, table by table in the order they are written. */
export function medicineSteps(plan: DemoMedicines): MedicinesStep[] {
  const steps: MedicinesStep[] = [];
  for (const table of ORDER) {
    const all = plan[table] as { id: string }[];
    for (let i = 0; i < all.length; i += ROWS_PER_TRANSACTION)
      steps.push({ table, rows: all.slice(i, i + ROWS_PER_TRANSACTION) });
  }
  return steps;
}

/** Writes one step's rows from JSON in one statement, each with its ledger entry. Call inside a transaction. */
export async function writeMedicinesStep(tx: Db, actor: string, { table, rows }: MedicinesStep): Promise<number> {
  await sql`INSERT INTO ${sql.table(table)} SELECT * FROM json_populate_recordset(NULL::${sql.table(table)}, ${JSON.stringify(rows)}::json)`.execute(
    tx,
  );
  await appendRowsToLedger(tx, actor, 'create', table, sql`id = ANY(${rows.map((r) => r.id)}::uuid[])`);
  return rows.length;
}

/** Writes the plan in bulk, one transaction per step. */
export async function writeDemoMedicines(db: Db, actor: string, plan: DemoMedicines, report: (rows: number) => void) {
  for (const step of medicineSteps(plan))
    report(await db.transaction().execute((tx) => writeMedicinesStep(tx, actor, step)));
}
