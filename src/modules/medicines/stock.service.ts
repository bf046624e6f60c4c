import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Access } from '../../server/access';
import { fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import { addDays } from '../care/calendar';
import { listCatalog, type MedicineRow } from './catalog.repository';
import { findFacilityForStock, listApprovers, requireEligibleApprover } from './stock.access';
import {
  addToLot,
  dispensedSince,
  findLot,
  findLotByCode,
  findStockFacility,
  insertCount,
  insertLot,
  insertMovements,
  listFacilityLots,
  lockLots,
  setLotBalance,
  takeFromLot,
  type StockFacility,
  type StockLotRow,
} from './stock.repository';
import { adjustmentSign, catalogLabel, expiresSoon, isExpired, monthsOfStock } from './stock.rules';
import type { AdjustmentInput, CountInput, ReceiptInput } from './stock.schema';

/** A catalogue row as the API shows it. */
export function toMedicineView(m: MedicineRow) {
  return {
    code: m.code,
    atc: m.atc,
    nameEs: m.name_es,
    nameEn: m.name_en,
    form: m.form,
    strength: m.strength,
    unit: m.unit,
    group: m.group_es,
    chronic: m.chronic,
    label: catalogLabel({ nameEs: m.name_es, strength: m.strength }),
  };
}

/** The catalogue never changes while the process runs: read it once per database. */
const catalogs = new WeakMap<Db, Promise<MedicineRow[]>>();
export function catalogOf(db: Db): Promise<MedicineRow[]> {
  let catalog = catalogs.get(db);
  if (!catalog) {
    catalog = listCatalog(db);
    catalog.catch(() => catalogs.delete(db));
    catalogs.set(db, catalog);
  }
  return catalog;
}

/** What is on a facility's shelf, by medicine and lot, with the figures of the day. */
export async function facilityStock(db: Db, access: Access, facilityId: string) {
  const facility = await findFacilityForStock(db, access, facilityId, 'medicines.read');
  const today = todayLocal();
  const [catalog, lots, dispensed] = await Promise.all([
    catalogOf(db),
    listFacilityLots(db, facility.id),
    dispensedSince(db, facility.id, addDays(today, -90)),
  ]);
  const byMedicine = new Map<string, typeof lots>();
  for (const lot of lots) byMedicine.set(lot.medicine_code, [...(byMedicine.get(lot.medicine_code) ?? []), lot]);
  const items = catalog
    .filter((m) => byMedicine.has(m.code))
    .map((m) => {
      const held = byMedicine.get(m.code)!.sort((a, b) => a.expires_on.localeCompare(b.expires_on));
      const onHand = held.filter((l) => !isExpired(l.expires_on, today)).reduce((sum, l) => sum + l.on_hand, 0);
      return {
        medicine: toMedicineView(m),
        onHand,
        expiredOnHand: held.filter((l) => isExpired(l.expires_on, today)).reduce((sum, l) => sum + l.on_hand, 0),
        monthsOfStock: monthsOfStock(onHand, dispensed.get(m.code) ?? 0),
        lots: held
          .filter((l) => l.on_hand > 0)
          .map((l) => ({
            id: l.id,
            lot: l.lot,
            expiresOn: l.expires_on,
            onHand: l.on_hand,
            expired: isExpired(l.expires_on, today),
            expiresSoon: l.on_hand > 0 && expiresSoon(l.expires_on, today),
          })),
      };
    });
  const inStock = items.filter((i) => i.onHand > 0).length;
  return {
    facility: { id: facility.id, name: facility.name, kind: facility.kind, status: facility.status },
    today,
    figures: {
      moduleItems: catalog.length,
      itemsInStock: inStock,
      inStockPercent: Math.round((1000 * inStock) / catalog.length) / 10,
      itemsHeldButOut: items.length - inStock,
      lotsExpiringSoon: items.reduce((n, i) => n + i.lots.filter((l) => l.expiresSoon).length, 0),
    },
    items,
  };
}

function requireOperating(facility: StockFacility, field: string) {
  if (facility.status !== 'operating')
    throw fieldError('FACILITY_NOT_OPERATING', field, `${facility.name} is ${facility.status}, not operating`);
}

/**
 * Records a delivery from a supplier or warehouse: each line adds units to its lot (created on
 * first receipt) with a receipt movement carrying the document number. All or nothing.
 */
export async function receiveStock(db: Db, access: Access, input: ReceiptInput) {
  const facility = await findFacilityForStock(db, access, input.facilityId, 'medicines.write');
  requireOperating(facility, 'facilityId');
  const today = todayLocal();
  if (input.receivedOn > today)
    throw fieldError('VALIDATION_FAILED', 'receivedOn', 'A receipt cannot be in the future');
  const catalog = new Set((await catalogOf(db)).map((m) => m.code));
  input.lines.forEach((line, i) => {
    if (!catalog.has(line.medicineCode))
      throw fieldError('UNKNOWN_MEDICINE', `lines.${i}.medicineCode`, `${line.medicineCode} is not in the module`);
    if (isExpired(line.expiresOn, today))
      throw fieldError('LOT_EXPIRED', `lines.${i}.expiresOn`, 'An expired lot cannot be received');
  });
  const actor = access.userId;
  return db.transaction().execute(async (tx) => {
    const movements = [];
    for (const [i, line] of input.lines.entries()) {
      const existing = await findLotByCode(tx, facility.id, line.medicineCode, line.lot);
      if (existing && existing.expires_on !== line.expiresOn)
        throw fieldError(
          'LOT_EXPIRY_MISMATCH',
          `lines.${i}.expiresOn`,
          `Lot ${line.lot} is held with expiry ${existing.expires_on}`,
        );
      const lot = existing
        ? await addToLot(tx, actor, existing.id, line.quantity)
        : await insertLot(tx, actor, {
            id: newId(),
            facility_id: facility.id,
            state_code: facility.state_code,
            medicine_code: line.medicineCode,
            lot: line.lot,
            expires_on: line.expiresOn,
            on_hand: line.quantity,
            updated_at: new Date(),
          });
      movements.push({
        ...movementBase(lot, actor, input.receivedOn),
        kind: 'receipt' as const,
        quantity: line.quantity,
        source_kind: input.sourceKind,
        source_name: input.sourceName,
        document_number: input.documentNumber,
      });
    }
    return { movements: (await insertMovements(tx, actor, movements)).map(toMovementView) };
  });
}

/** The columns every movement of a lot shares. */
export function movementBase(lot: StockLotRow, actor: string, occurredOn: string) {
  return {
    id: newId(),
    facility_id: lot.facility_id,
    state_code: lot.state_code,
    medicine_code: lot.medicine_code,
    stock_lot_id: lot.id,
    balance_after: lot.on_hand,
    occurred_on: occurredOn,
    recorded_by: actor,
    recorded_at: new Date(),
  };
}

export function toMovementView(m: {
  id: string;
  kind: string;
  medicine_code: string;
  stock_lot_id: string;
  quantity: number;
  balance_after: number;
  reason: string | null;
  occurred_on: string;
}) {
  return {
    id: m.id,
    kind: m.kind,
    medicineCode: m.medicine_code,
    lotId: m.stock_lot_id,
    quantity: m.quantity,
    balanceAfter: m.balance_after,
    reason: m.reason,
    occurredOn: m.occurred_on,
  };
}

/** A lot of the facility the caller keeps, or UNKNOWN_LOT on the field that named it. */
export async function findLotToWrite(db: Db, access: Access, lotId: string, field: string) {
  const lot = await findLot(db, lotId);
  if (!lot) throw fieldError('UNKNOWN_LOT', field, 'No such lot');
  const facility = await findFacilityForStock(db, access, lot.facility_id, 'medicines.write').catch(() => {
    throw fieldError('UNKNOWN_LOT', field, 'No such lot');
  });
  return { lot, facility };
}

/** Writes off or adds back units of a lot with a coded reason: expired, damaged, lost, found. */
export async function adjustStock(db: Db, access: Access, input: AdjustmentInput) {
  const { lot } = await findLotToWrite(db, access, input.lotId, 'lotId');
  const sign = adjustmentSign(input.reason);
  if (sign < 0 && lot.on_hand < input.quantity)
    throw fieldError('NOT_ENOUGH_STOCK', 'quantity', `Lot ${lot.lot} holds ${lot.on_hand} units`);
  const actor = access.userId;
  return db.transaction().execute(async (tx) => {
    const after =
      sign > 0
        ? await addToLot(tx, actor, lot.id, input.quantity)
        : await takeFromLot(tx, actor, lot.id, input.quantity, null);
    if (!after) throw fieldError('NOT_ENOUGH_STOCK', 'quantity', `Lot ${lot.lot} holds fewer units now`);
    const [movement] = await insertMovements(tx, actor, [
      {
        ...movementBase(after, actor, todayLocal()),
        kind: 'adjustment',
        quantity: sign * input.quantity,
        reason: input.reason,
        note: input.note ?? null,
      },
    ]);
    return toMovementView(movement!);
  });
}

/**
 * Records a physical count. Each counted lot's balance becomes what is on the shelf; a difference
 * is an adjustment that must carry a coded reason and the approval of someone else who keeps or
 * oversees the stock. The lots are locked, so the balance compared with cannot move meanwhile.
 */
export async function recordCount(db: Db, access: Access, input: CountInput) {
  const facility = await findFacilityForStock(db, access, input.facilityId, 'medicines.write');
  const today = todayLocal();
  if (input.countedOn > today) throw fieldError('VALIDATION_FAILED', 'countedOn', 'A count cannot be in the future');
  const seen = new Set<string>();
  input.lines.forEach((line, i) => {
    if (seen.has(line.lotId)) throw fieldError('VALIDATION_FAILED', `lines.${i}.lotId`, 'This lot is counted twice');
    seen.add(line.lotId);
  });
  const actor = access.userId;
  return db.transaction().execute(async (tx) => {
    const lots = new Map((await lockLots(tx, [...seen])).map((l) => [l.id, l]));
    const differences = input.lines.map((line, i) => {
      const lot = lots.get(line.lotId);
      if (!lot || lot.facility_id !== facility.id)
        throw fieldError('UNKNOWN_LOT', `lines.${i}.lotId`, 'No such lot at this facility');
      const difference = line.counted - lot.on_hand;
      if (difference !== 0 && !line.reason)
        throw fieldError(
          'REASON_REQUIRED',
          `lines.${i}.reason`,
          `Explain the difference of ${difference} in lot ${lot.lot}`,
        );
      return { line, lot, difference };
    });
    const anyDifference = differences.some((d) => d.difference !== 0);
    if (anyDifference && !input.approvedBy)
      throw fieldError('APPROVER_REQUIRED', 'approvedBy', 'Name who approved the differences');
    if (anyDifference) await requireEligibleApprover(tx, facility, input.approvedBy!, actor);
    const count = await insertCount(tx, actor, {
      id: newId(),
      facility_id: facility.id,
      state_code: facility.state_code,
      counted_on: input.countedOn,
      counted_by: actor,
      approved_by: anyDifference ? input.approvedBy! : null,
      note: input.note ?? null,
      recorded_at: new Date(),
    });
    const movements = [];
    for (const { line, lot, difference } of differences) {
      const after = difference === 0 ? lot : await setLotBalance(tx, actor, lot.id, line.counted);
      movements.push({
        ...movementBase(after, actor, input.countedOn),
        kind: 'count' as const,
        quantity: difference,
        counted_quantity: line.counted,
        count_id: count.id,
        reason: difference === 0 ? null : line.reason!,
        approved_by: difference === 0 ? null : input.approvedBy!,
        note: line.note ?? null,
      });
    }
    await insertMovements(tx, actor, movements);
    return {
      id: count.id,
      facilityId: facility.id,
      countedOn: input.countedOn,
      lots: differences.length,
      differences: differences
        .filter((d) => d.difference !== 0)
        .map((d) => ({
          lotId: d.lot.id,
          medicineCode: d.lot.medicine_code,
          expected: d.lot.on_hand,
          counted: d.line.counted,
          reason: d.line.reason!,
        })),
    };
  });
}

/** Who the caller may name as approver of a count's differences at a facility. */
export async function approversFor(db: Db, access: Access, facilityId: string) {
  const facility = await findFacilityForStock(db, access, facilityId, 'medicines.write');
  return { approvers: await listApprovers(db, facility, access.userId) };
}

/** The operating facility a transfer goes to, or a field error. */
export async function findTransferDestination(db: Db, id: string) {
  const facility = await findStockFacility(db, id);
  if (!facility) throw fieldError('UNKNOWN_FACILITY', 'toFacilityId', 'No such facility');
  requireOperating(facility, 'toFacilityId');
  return facility;
}
