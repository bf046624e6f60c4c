import { isViolationOf } from '../../db/constraint';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Access } from '../../server/access';
import { AccessDenied } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import { addDays } from '../care/calendar';
import {
  findLots,
  findPrescriptionToDispense,
  listUndispensedPrescriptions,
  onHandByFacility,
  writeDispensing,
} from './dispensing.repository';
import { findFacilityForStock } from './stock.access';
import {
  findServedFacilityIds,
  findServingDispensaries,
  listFacilityLots,
  serves,
  type DispensingRow,
} from './stock.repository';
import {
  catalogLabel,
  dispenseOutcome,
  isExpired,
  matchCatalogItem,
  proposeFefo,
  type CatalogEntry,
} from './stock.rules';
import type { DispenseInput } from './stock.schema';
import { catalogOf } from './stock.service';

/** How long a prescription waits at the dispensary before it leaves the queue. */
const QUEUE_DAYS = 90;

type Catalog = Awaited<ReturnType<typeof catalogOf>>;
const entriesOf = new WeakMap<Catalog, CatalogEntry[]>();

/** The catalogue as prescriptions are matched against it; the same array for the same catalogue. */
function catalogEntries(catalog: Catalog): CatalogEntry[] {
  let entries = entriesOf.get(catalog);
  if (!entries) {
    entries = catalog.map((m) => ({ code: m.code, nameEs: m.name_es, strength: m.strength }));
    entriesOf.set(catalog, entries);
  }
  return entries;
}

/**
 * The prescriptions waiting at a facility: its own, and at a popular dispensary those of the
 * posts it serves, each with the module item it names, the units on hand and the lots first
 * expiry first out proposes.
 */
export async function dispensingQueue(db: Db, access: Access, facilityId: string) {
  const facility = await findFacilityForStock(db, access, facilityId, 'medicines.write');
  const today = todayLocal();
  const served = await findServedFacilityIds(db, facility);
  const since = new Date(`${addDays(today, -QUEUE_DAYS)}T00:00:00-04:00`);
  const [prescriptions, lots, catalog] = await Promise.all([
    listUndispensedPrescriptions(db, served, since),
    listFacilityLots(db, facility.id),
    catalogOf(db),
  ]);
  const entries = catalogEntries(catalog);
  return {
    items: prescriptions.map((p) => {
      const item = matchCatalogItem(p.medicine, entries);
      const held = item ? lots.filter((l) => l.medicine_code === item.code) : [];
      const usable = held.map((l) => ({ id: l.id, lot: l.lot, expiresOn: l.expires_on, onHand: l.on_hand }));
      const byId = new Map(usable.map((l) => [l.id, l]));
      return {
        prescriptionId: p.id,
        personId: p.person_id,
        personName: p.person_name,
        facilityName: p.facility_name,
        prescribedAt: new Date(p.prescribed_at).toISOString(),
        medicine: p.medicine,
        dose: p.dose,
        frequency: p.frequency,
        quantity: p.quantity,
        medicineCode: item?.code ?? null,
        onHand: usable.filter((l) => !isExpired(l.expiresOn, today)).reduce((n, l) => n + l.onHand, 0),
        proposal: proposeFefo(usable, p.quantity, today).map((line) => ({
          lotId: line.lotId,
          lot: byId.get(line.lotId)!.lot,
          expiresOn: byId.get(line.lotId)!.expiresOn,
          quantity: line.quantity,
        })),
      };
    }),
  };
}

export function toDispensingView(d: DispensingRow) {
  return {
    id: d.id,
    prescriptionId: d.prescription_id,
    outcome: d.outcome,
    requestedQuantity: d.requested_quantity,
    dispensedQuantity: d.dispensed_quantity,
    reason: d.reason,
    medicineCode: d.medicine_code,
  };
}

/**
 * Answers a prescription at a facility: in full, in part or declined. Anything short of full
 * needs a coded reason and is a refusal of care, counted in the figures (DESIGN §3.1). Units come
 * from the lots named, each taken by a conditional update that refuses to go below zero or to
 * take from an expired lot; nothing is written unless all of it is.
 */
export async function dispensePrescription(
  db: Db,
  access: Access,
  facilityId: string,
  prescriptionId: string,
  input: DispenseInput,
) {
  // The prescription and the lots are looked up while the facility is; they are used only once access is settled.
  const found = Promise.all([
    findPrescriptionToDispense(db, prescriptionId),
    findLots(
      db,
      input.lines.map((l) => l.lotId),
    ),
  ]);
  found.catch(() => undefined);
  const facility = await findFacilityForStock(db, access, facilityId, 'medicines.write');
  const [prescription, named] = await found;
  if (!prescription) throw new AppError('PRESCRIPTION_NOT_FOUND');
  const writtenAt = {
    id: prescription.facility_id,
    kind: prescription.facility_kind,
    asic_id: prescription.facility_asic_id,
    parish_code: prescription.facility_parish_code,
  };
  if (!serves(facility, writtenAt))
    throw new AccessDenied('PRESCRIPTION_NOT_FOUND', 'prescription of a facility not served');
  if (prescription.dispensed) throw new AppError('PRESCRIPTION_ALREADY_DISPENSED');
  const today = todayLocal();
  const item = matchCatalogItem(prescription.medicine, catalogEntries(await catalogOf(db)));
  const lots = new Map(named.filter((l) => l.facility_id === facility.id).map((l) => [l.id, l]));
  const seen = new Set<string>();
  input.lines.forEach((line, i) => {
    const lot = lots.get(line.lotId);
    if (!lot || seen.has(line.lotId))
      throw fieldError('UNKNOWN_LOT', `lines.${i}.lotId`, 'No such lot on this shelf, or named twice');
    seen.add(line.lotId);
    if (!item || lot.medicine_code !== item.code)
      throw fieldError(
        'LOT_OF_ANOTHER_MEDICINE',
        `lines.${i}.lotId`,
        `Lot ${lot.lot} is not ${item ? catalogLabel(item) : prescription.medicine}`,
      );
    if (isExpired(lot.expires_on, today))
      throw fieldError('LOT_EXPIRED', `lines.${i}.lotId`, `Lot ${lot.lot} expired on ${lot.expires_on}`);
    if (lot.on_hand < line.quantity)
      throw fieldError('NOT_ENOUGH_STOCK', `lines.${i}.quantity`, `Lot ${lot.lot} holds ${lot.on_hand} units`);
  });
  const dispensed = input.lines.reduce((n, l) => n + l.quantity, 0);
  if (dispensed > prescription.quantity)
    throw fieldError('QUANTITY_MISMATCH', 'lines', `The prescription is for ${prescription.quantity} units`);
  const outcome = dispenseOutcome(prescription.quantity, dispensed);
  if (outcome !== 'full' && !input.reason)
    throw fieldError('REASON_REQUIRED', 'reason', 'Say why the prescription is not dispensed in full');
  const actor = access.userId;
  const row = {
    id: newId(),
    prescription_id: prescription.id,
    family_package_id: null,
    person_id: prescription.person_id,
    facility_id: facility.id,
    state_code: facility.state_code,
    medicine_code: item?.code ?? null,
    outcome,
    requested_quantity: prescription.quantity,
    dispensed_quantity: dispensed,
    reason: outcome === 'full' ? null : input.reason!,
    note: input.note ?? null,
    dispensed_by: actor,
    dispensed_at: new Date(),
  };
  const lines = input.lines.map((l) => ({ lotId: l.lotId, quantity: l.quantity, movementId: newId() }));
  try {
    return toDispensingView(await writeDispensing(db, actor, row, lines, today));
  } catch (error) {
    if (isViolationOf(error, 'unique', 'dispensings_once_per_prescription'))
      throw new AppError('PRESCRIPTION_ALREADY_DISPENSED');
    if (!isViolationOf(error, 'check', 'stock_lots_on_hand_check')) throw error;
    // Someone took the units first (or the lot expired at midnight): say which line, as it stands now.
    const now = new Map(
      (
        await findLots(
          db,
          input.lines.map((l) => l.lotId),
        )
      ).map((l) => [l.id, l]),
    );
    const short = input.lines.findIndex((l) => {
      const lot = now.get(l.lotId);
      return !lot || lot.on_hand < l.quantity || isExpired(lot.expires_on, today);
    });
    throw fieldError(
      'NOT_ENOUGH_STOCK',
      `lines.${Math.max(short, 0)}.quantity`,
      'Not enough stock: someone took these units first',
    );
  }
}

/**
 * What a doctor can prescribe from: usable units of every module item at the doctor's own
 * facility and at the popular dispensaries serving it.
 */
export async function availabilityFor(db: Db, access: Access, facilityId: string) {
  const facility = await findFacilityForStock(db, access, facilityId, 'medicines.read');
  const places = [facility, ...(await findServingDispensaries(db, facility))];
  const [rows, catalog] = await Promise.all([
    onHandByFacility(
      db,
      places.map((p) => p.id),
      todayLocal(),
    ),
    catalogOf(db),
  ]);
  const units = new Map(rows.map((r) => [`${r.facility_id}|${r.medicine_code}`, Number(r.on_hand)]));
  return {
    facilityId: facility.id,
    places: places.map((p) => ({ id: p.id, name: p.name, kind: p.kind })),
    items: catalog.map((m) => ({
      code: m.code,
      nameEs: m.name_es,
      strength: m.strength,
      label: catalogLabel({ nameEs: m.name_es, strength: m.strength }),
      onHand: places.map((p) => units.get(`${p.id}|${m.code}`) ?? 0),
    })),
  };
}
