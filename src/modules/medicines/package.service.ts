import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import { AccessDenied, type Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import { addDays, daysBetween } from '../care/calendar';
import { writeLedgered } from '../integrity/ledger.repository';
import { findFacilityForStock } from './stock.access';
import { findServingDispensaries, insertMovements, listFacilityLots, takeFromLot } from './stock.repository';
import { matchCatalogItem, planFamilyPackage, proposeFefo, type HouseholdMember } from './stock.rules';
import { catalogOf, movementBase } from './stock.service';

/** The members of a post's households as the package reads them: age, pregnancy, chronic treatment. */
async function readMembers(db: Db, postId: string, today: string) {
  const [persons, pregnant, prescriptions, catalog] = await Promise.all([
    db
      .selectFrom('persons')
      .select(['id', 'household_id', 'sex', 'birth_date'])
      .where('facility_id', '=', postId)
      .where('vital_status', '=', 'alive')
      .where('merged_into', 'is', null)
      .execute(),
    db
      .selectFrom('pregnancies')
      .select('person_id')
      .where('facility_id', '=', postId)
      .where('ended_on', 'is', null)
      .execute(),
    db
      .selectFrom('prescriptions')
      .select(['person_id', 'medicine'])
      .where('facility_id', '=', postId)
      .where('prescribed_at', '>=', new Date(`${addDays(today, -180)}T00:00:00-04:00`))
      .execute(),
    catalogOf(db),
  ]);
  const chronic = catalog
    .filter((m) => m.chronic)
    .map((m) => ({ code: m.code, nameEs: m.name_es, strength: m.strength }));
  const treatments = new Map<string, string[]>();
  for (const p of prescriptions) {
    const item = matchCatalogItem(p.medicine, chronic);
    if (item) treatments.set(p.person_id, [...(treatments.get(p.person_id) ?? []), item.code]);
  }
  const pregnantIds = new Set(pregnant.map((p) => p.person_id));
  const households = new Map<string, HouseholdMember[]>();
  for (const p of persons) {
    const days = daysBetween(p.birth_date, today);
    const member: HouseholdMember = {
      personId: p.id,
      ageYears: Math.floor(days / 365.25),
      ageMonths: Math.floor(days / 30.44),
      sex: p.sex,
      pregnant: pregnantIds.has(p.id),
      chronicMedicines: treatments.get(p.id) ?? [],
    };
    households.set(p.household_id, [...(households.get(p.household_id) ?? []), member]);
  }
  return households;
}

/**
 * Prepares the quarter's family medicine package for every household of a post whose members
 * need one (infants, children, pregnant women, elderly, chronic patients under treatment).
 * Households that already have this quarter's package are left as they are.
 */
export async function preparePackages(
  db: Db,
  access: Access,
  input: { postId: string; quarter: string; suppliedByFacilityId: string },
) {
  const post = await findFacilityForStock(db, access, input.postId, 'medicines.write');
  const suppliers = [post.id, ...(await findServingDispensaries(db, post)).map((d) => d.id)];
  if (!suppliers.includes(input.suppliedByFacilityId))
    throw fieldError('UNKNOWN_FACILITY', 'suppliedByFacilityId', 'Choose the post or a dispensary serving it');
  const today = todayLocal();
  const households = await readMembers(db, post.id, today);
  const rows = [...households.entries()]
    .map(([householdId, members]) => ({ householdId, items: planFamilyPackage(members) }))
    .filter((h) => h.items.length > 0)
    .map((h) => ({
      id: newId(),
      household_id: h.householdId,
      facility_id: post.id,
      supplied_by_facility_id: input.suppliedByFacilityId,
      state_code: post.state_code,
      quarter: input.quarter,
      items: JSON.stringify(h.items),
      status: 'prepared' as const,
      prepared_by: access.userId,
      prepared_at: new Date(),
    }));
  if (rows.length === 0) return { prepared: 0 };
  const written = await db.transaction().execute((tx) =>
    writeLedgered(
      tx,
      access.userId,
      'create',
      'family_packages',
      tx
        .insertInto('family_packages')
        .values(rows)
        .onConflict((oc) => oc.columns(['household_id', 'quarter']).doNothing())
        .returningAll(),
    ),
  );
  return { prepared: written.length };
}

/** The quarter's packages of a post, with each household's address. */
export async function listPackages(db: Db, access: Access, postId: string, quarter: string) {
  const post = await findFacilityForStock(db, access, postId, 'medicines.read');
  return { packages: await readPackages(db, post.id, quarter) };
}

async function readPackages(db: Db, postId: string, quarter: string, id?: string) {
  let query = db
    .selectFrom('family_packages as p')
    .innerJoin('households as h', 'h.id', 'p.household_id')
    .select([
      'p.id',
      'p.household_id',
      'h.address',
      'p.quarter',
      'p.status',
      'p.items',
      'p.not_delivered_reason',
      'p.settled_at',
    ])
    .where('p.facility_id', '=', postId)
    .where('p.quarter', '=', quarter)
    .orderBy('h.address');
  if (id) query = query.where('p.id', '=', id);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    householdId: r.household_id,
    address: r.address,
    quarter: r.quarter,
    status: r.status,
    items: r.items,
    notDeliveredReason: r.not_delivered_reason,
    settledAt: r.settled_at ? new Date(r.settled_at).toISOString() : null,
  }));
}

/**
 * Records a package delivered (each item a dispensing from the supplying facility's stock, first
 * expiry first out; an item short of stock is a partial or declined dispensing with its reason)
 * or not delivered, with why.
 */
export async function settlePackage(
  db: Db,
  access: Access,
  id: string,
  input: { delivered: boolean; reason?: string | null | undefined },
) {
  const pkg = await db.selectFrom('family_packages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!pkg) throw new AppError('PACKAGE_NOT_FOUND');
  const keeper = [pkg.facility_id, pkg.supplied_by_facility_id].find((f) => access.canAtFacility('medicines.write', f));
  if (!keeper) throw new AccessDenied('PACKAGE_NOT_FOUND', 'package outside the facility');
  if (pkg.status !== 'prepared') throw new AppError('PACKAGE_SETTLED');
  if (!input.delivered && !input.reason) throw fieldError('REASON_REQUIRED', 'reason', 'Say why it was not delivered');
  const actor = access.userId;
  const today = todayLocal();
  const stateCode = pkg.state_code;
  await db.transaction().execute(async (tx) => {
    const [settled] = await writeLedgered(
      tx,
      actor,
      'update',
      'family_packages',
      tx
        .updateTable('family_packages')
        .set({
          status: input.delivered ? 'delivered' : 'not_delivered',
          settled_by: actor,
          settled_at: new Date(),
          not_delivered_reason: input.delivered ? null : input.reason!,
        })
        .where('id', '=', id)
        .where('status', '=', 'prepared')
        .returningAll(),
    );
    if (!settled) throw new AppError('PACKAGE_SETTLED');
    if (!input.delivered) return;
    const lots = await listFacilityLots(tx, pkg.supplied_by_facility_id);
    for (const item of pkg.items) {
      const usable = lots
        .filter((l) => l.medicine_code === item.medicineCode)
        .map((l) => ({ id: l.id, lot: l.lot, expiresOn: l.expires_on, onHand: l.on_hand }));
      const lines = proposeFefo(usable, item.quantity, today);
      const given = lines.reduce((n, l) => n + l.quantity, 0);
      const outcome = given === 0 ? 'declined' : given < item.quantity ? 'partial' : 'full';
      const dispensingId = newId();
      await writeLedgered(
        tx,
        actor,
        'create',
        'dispensings',
        tx
          .insertInto('dispensings')
          .values({
            id: dispensingId,
            prescription_id: null,
            family_package_id: pkg.id,
            person_id: item.personId,
            facility_id: pkg.supplied_by_facility_id,
            state_code: stateCode,
            medicine_code: item.medicineCode,
            outcome,
            requested_quantity: item.quantity,
            dispensed_quantity: given,
            reason: outcome === 'full' ? null : given === 0 ? 'out_of_stock' : 'insufficient_stock',
            note: null,
            dispensed_by: actor,
            dispensed_at: new Date(),
          })
          .returningAll(),
      );
      for (const line of lines) {
        const after = await takeFromLot(tx, actor, line.lotId, line.quantity, today);
        if (!after) throw new AppError('CONFLICT');
        const lot = lots.find((l) => l.id === line.lotId)!;
        lot.on_hand = after.on_hand;
        await insertMovements(tx, actor, [
          {
            ...movementBase(after, actor, today),
            kind: 'dispense',
            quantity: -line.quantity,
            dispensing_id: dispensingId,
          },
        ]);
      }
    }
  });
  const [view] = await readPackages(db, pkg.facility_id, pkg.quarter, id);
  return view!;
}
