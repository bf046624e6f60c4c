import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { AccessDenied, type Access } from '../../server/access';
import { fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import { addDays } from '../care/calendar';
import { findFacilityForStock } from './stock.access';
import { catalogLabel, EXPIRY_WARNING_DAYS, monthsOfStock, stockOutDays } from './stock.rules';
import { catalogOf } from './stock.service';

/** A facility's parish lies in the territory. */
const inTerritory = (territory: string) =>
  territory === 'VE'
    ? sql<boolean>`true`
    : sql<boolean>`(f.parish_code = ${territory} OR f.parish_code LIKE ${`${territory}-%`})`;

/**
 * The differences an auditor reads: every count difference and adjustment of a facility (or of
 * every facility in a territory) in a period, with its reason, who recorded and who approved it.
 */
export async function differenceReport(
  db: Db,
  access: Access,
  query: { facilityId?: string | undefined; territory?: string | undefined; from: string; to: string },
) {
  if (query.from > query.to) throw fieldError('VALIDATION_FAILED', 'to', 'The period ends before it starts');
  let scope;
  if (query.facilityId) {
    const facility = await findFacilityForStock(db, access, query.facilityId, 'medicines.read');
    scope = sql<boolean>`m.facility_id = ${facility.id}`;
  } else {
    const territory = query.territory ?? 'VE';
    if (!access.canAt('medicines.oversee', territory))
      throw new AccessDenied('NOT_PERMITTED', 'medicines.oversee outside scope');
    scope = inTerritory(territory);
  }
  const rows = await db
    .selectFrom('stock_movements as m')
    .innerJoin('facilities as f', 'f.id', 'm.facility_id')
    .innerJoin('stock_lots as l', 'l.id', 'm.stock_lot_id')
    .innerJoin('medicines as d', 'd.code', 'm.medicine_code')
    .leftJoin('users as r', (j) => j.on(sql`r.id::text`, '=', sql.ref('m.recorded_by')))
    .leftJoin('users as a', (j) => j.on(sql`a.id::text`, '=', sql.ref('m.approved_by')))
    .select([
      'm.id',
      'm.facility_id',
      'f.name as facility_name',
      'm.occurred_on',
      'm.kind',
      'm.medicine_code',
      'd.name_es',
      'd.strength',
      'l.lot',
      'm.counted_quantity',
      'm.quantity',
      'm.reason',
      'm.note',
      'm.recorded_by',
      'm.approved_by',
      'r.display_name as recorded_by_name',
      'a.display_name as approved_by_name',
    ])
    .where('m.kind', 'in', ['count', 'adjustment'])
    .where('m.quantity', '<>', 0)
    .where('m.occurred_on', '>=', query.from)
    .where('m.occurred_on', '<=', query.to)
    .where(scope)
    .orderBy('m.occurred_on', 'desc')
    .orderBy('f.name')
    .limit(2000)
    .execute();
  return {
    from: query.from,
    to: query.to,
    totals: {
      lines: rows.length,
      unitsMissing: rows.filter((r) => r.quantity < 0).reduce((n, r) => n - r.quantity, 0),
      unitsFound: rows.filter((r) => r.quantity > 0).reduce((n, r) => n + r.quantity, 0),
    },
    rows: rows.map((r) => ({
      movementId: r.id,
      facilityId: r.facility_id,
      facilityName: r.facility_name,
      occurredOn: r.occurred_on,
      kind: r.kind as 'count' | 'adjustment',
      medicineCode: r.medicine_code,
      medicineName: catalogLabel({ nameEs: r.name_es, strength: r.strength }),
      lot: r.lot,
      expected: r.counted_quantity === null ? null : r.counted_quantity - r.quantity,
      counted: r.counted_quantity,
      difference: r.quantity,
      reason: r.reason,
      note: r.note,
      recordedBy: r.recorded_by_name ?? r.recorded_by,
      approvedBy: r.approved_by ? (r.approved_by_name ?? r.approved_by) : null,
    })),
  };
}

/** The territory's figures as a whole: sums, and items in stock over items held across its facilities. */
function territoryTotals(
  rows: {
    itemsHeld: number;
    itemsInStock: number;
    stockOutDays: number;
    lotsExpiringSoon: number;
    prescribed: number;
    dispensed: number;
    partial: number;
    declined: number;
  }[],
) {
  const sum = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
  const held = sum((r) => r.itemsHeld);
  return {
    facilities: rows.length,
    itemsInStockShare: held === 0 ? 0 : Math.round((1000 * sum((r) => r.itemsInStock)) / held) / 10,
    stockOutDays: sum((r) => r.stockOutDays),
    lotsExpiringSoon: sum((r) => r.lotsExpiringSoon),
    prescribed: sum((r) => r.prescribed),
    dispensed: sum((r) => r.dispensed),
    partial: sum((r) => r.partial),
    declined: sum((r) => r.declined),
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round(((sorted[mid - 1]! + sorted[mid]!) / 2) * 10) / 10;
}

/**
 * Availability across a territory, per facility that keeps stock: items of the module in stock,
 * stock-out days over the period, months of stock, lots expiring within 90 days, and prescribed
 * against dispensed, partly dispensed and declined. Read from the facts; a rollup table is the
 * path for national scale (docs/decisions/0007-medicines.md).
 */
export async function territoryFigures(
  db: Db,
  access: Access,
  query: { territory: string; on?: string | undefined; days: number },
) {
  if (!access.canAt('medicines.oversee', query.territory))
    throw new AccessDenied('NOT_PERMITTED', 'medicines.oversee outside scope');
  const today = todayLocal();
  const on = query.on && query.on < today ? query.on : today;
  const from = addDays(on, -(query.days - 1));
  const scope = inTerritory(query.territory);
  const facilities = await db
    .selectFrom('facilities as f')
    .select(['f.id', 'f.name', 'f.kind', 'f.parish_code'])
    .where(scope)
    .where((eb) => eb.exists(eb.selectFrom('stock_lots as l').select('l.id').whereRef('l.facility_id', '=', 'f.id')))
    .orderBy('f.name')
    .limit(500)
    .execute();
  const ids = facilities.map((f) => f.id);
  const catalog = await catalogOf(db);
  if (ids.length === 0)
    return { territory: query.territory, on, from, facilities: [], totals: territoryTotals([]), outOfStock: [] };
  const endOfDay = new Date(`${addDays(on, 1)}T00:00:00-04:00`);
  const startOfPeriod = new Date(`${from}T00:00:00-04:00`);
  const [balances, daily, dispensed90, prescribed, outcomes] = await Promise.all([
    db
      .selectFrom('stock_lots')
      .select([
        'facility_id',
        'medicine_code',
        sql<number>`sum(on_hand) FILTER (WHERE expires_on >= ${on})::int`.as('usable'),
        sql<number>`count(*) FILTER (WHERE on_hand > 0 AND expires_on >= ${on} AND expires_on <= ${addDays(on, EXPIRY_WARNING_DAYS)})::int`.as(
          'expiring',
        ),
      ])
      .where('facility_id', 'in', ids)
      .groupBy(['facility_id', 'medicine_code'])
      .execute(),
    // Each medicine's balance at the end of each day it moved, from the running sum of its movements.
    sql<{ facility_id: string; medicine_code: string; on: string; balance: number }>`
      SELECT DISTINCT ON (facility_id, medicine_code, occurred_on) facility_id, medicine_code,
             occurred_on::text AS on, balance::int AS balance
      FROM (SELECT facility_id, medicine_code, occurred_on, recorded_at, id,
                   sum(quantity) OVER (PARTITION BY facility_id, medicine_code
                                       ORDER BY occurred_on, recorded_at, id) AS balance
            FROM stock_movements WHERE facility_id IN (${sql.join(ids)}) AND occurred_on <= ${on}) running
      ORDER BY facility_id, medicine_code, occurred_on, recorded_at DESC, id DESC`.execute(db),
    db
      .selectFrom('stock_movements')
      .select(['facility_id', 'medicine_code', sql<number>`-sum(quantity)::int`.as('units')])
      .where('facility_id', 'in', ids)
      .where('kind', '=', 'dispense')
      .where('occurred_on', '>', addDays(on, -90))
      .where('occurred_on', '<=', on)
      .groupBy(['facility_id', 'medicine_code'])
      .execute(),
    db
      .selectFrom('prescriptions')
      .select(['facility_id', sql<number>`count(*)::int`.as('n')])
      .where('facility_id', 'in', ids)
      .where('prescribed_at', '>=', startOfPeriod)
      .where('prescribed_at', '<', endOfDay)
      .groupBy('facility_id')
      .execute(),
    db
      .selectFrom('dispensings')
      .select(['facility_id', 'outcome', sql<number>`count(*)::int`.as('n')])
      .where('facility_id', 'in', ids)
      .where('dispensed_at', '>=', startOfPeriod)
      .where('dispensed_at', '<', endOfDay)
      .groupBy(['facility_id', 'outcome'])
      .execute(),
  ]);
  const key = (f: string, m: string) => `${f}|${m}`;
  const changes = new Map<string, { on: string; balanceAfter: number }[]>();
  for (const row of daily.rows) {
    const k = key(row.facility_id, row.medicine_code);
    changes.set(k, [...(changes.get(k) ?? []), { on: row.on, balanceAfter: Number(row.balance) }]);
  }
  const pace = new Map(dispensed90.map((r) => [key(r.facility_id, r.medicine_code), Number(r.units)]));
  const outOfStock = new Map<string, number>();
  const rows = facilities.map((f) => {
    const held = balances.filter((b) => b.facility_id === f.id);
    const inStock = held.filter((b) => Number(b.usable ?? 0) > 0);
    for (const b of held)
      if (Number(b.usable ?? 0) <= 0) outOfStock.set(b.medicine_code, (outOfStock.get(b.medicine_code) ?? 0) + 1);
    const outDays = held.reduce((sum, b) => {
      const history = changes.get(key(f.id, b.medicine_code)) ?? [];
      const before = history.filter((c) => c.on < from).at(-1);
      if (history.length === 0) return sum;
      // Before its first movement a medicine was not yet held: those days are not stock-outs.
      const firstOn = history[0]!.on;
      const start = firstOn > from ? firstOn : from;
      return (
        sum + stockOutDays(history, start, on, before?.balanceAfter ?? (firstOn > from ? history[0]!.balanceAfter : 0))
      );
    }, 0);
    const months = inStock
      .map((b) => monthsOfStock(Number(b.usable), pace.get(key(f.id, b.medicine_code)) ?? 0))
      .filter((m): m is number => m !== null);
    const count = (outcome: string) =>
      Number(outcomes.find((o) => o.facility_id === f.id && o.outcome === outcome)?.n ?? 0);
    return {
      facilityId: f.id,
      name: f.name,
      kind: f.kind,
      parishCode: f.parish_code,
      itemsHeld: held.length,
      itemsInStock: inStock.length,
      inStockPercent: Math.round((1000 * inStock.length) / catalog.length) / 10,
      stockOutDays: outDays,
      medianMonthsOfStock: median(months),
      lotsExpiringSoon: held.reduce((n, b) => n + Number(b.expiring), 0),
      prescribed: Number(prescribed.find((p) => p.facility_id === f.id)?.n ?? 0),
      dispensed: count('full'),
      partial: count('partial'),
      declined: count('declined'),
    };
  });
  const labels = new Map(catalog.map((m) => [m.code, catalogLabel({ nameEs: m.name_es, strength: m.strength })]));
  return {
    territory: query.territory,
    on,
    from,
    facilities: rows,
    totals: territoryTotals(rows),
    outOfStock: [...outOfStock.entries()]
      .map(([code, n]) => ({ code, label: labels.get(code) ?? code, facilities: n }))
      .sort((a, b) => b.facilities - a.facilities || a.code.localeCompare(b.code)),
  };
}
