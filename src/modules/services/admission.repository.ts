import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { AdmissionTable, AdmissionTransferTable, Unit } from '../../db/schema.referrals';
import { writeLedgered } from '../integrity/ledger.repository';

export async function insertAdmission(tx: Db, actor: string, row: Insertable<AdmissionTable>) {
  await writeLedgered(tx, actor, 'create', 'admissions', tx.insertInto('admissions').values(row).returningAll());
}

export async function insertTransfer(tx: Db, actor: string, row: Insertable<AdmissionTransferTable>) {
  await writeLedgered(
    tx,
    actor,
    'create',
    'admission_transfers',
    tx.insertInto('admission_transfers').values(row).returningAll(),
  );
}

export async function updateAdmission(
  tx: Db,
  actor: string,
  id: string,
  values: Pick<Updateable<AdmissionTable>, 'unit' | 'discharged_at' | 'discharge_outcome' | 'discharged_by'>,
) {
  await writeLedgered(
    tx,
    actor,
    'update',
    'admissions',
    tx.updateTable('admissions').set(values).where('id', '=', id).returningAll(),
  );
}

/** Locks the facility's row: admissions to it are decided one at a time, so two cannot take the last bed. */
export async function lockFacilityBeds(tx: Db, facilityId: string) {
  return tx
    .selectFrom('facilities')
    .select(['id', 'beds_ward', 'beds_icu'])
    .where('id', '=', facilityId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function countOccupied(tx: Db, facilityId: string, unit: Unit): Promise<number> {
  const row = await tx
    .selectFrom('admissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('facility_id', '=', facilityId)
    .where('unit', '=', unit)
    .where('discharged_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function lockAdmission(tx: Db, id: string) {
  return tx.selectFrom('admissions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function findOpenAdmissionOf(tx: Db, personId: string) {
  return tx
    .selectFrom('admissions as a')
    .innerJoin('facilities as f', 'f.id', 'a.facility_id')
    .select(['a.id', 'f.name'])
    .where('a.person_id', '=', personId)
    .where('a.discharged_at', 'is', null)
    .executeTakeFirst();
}

/** Admissions with the names they are shown with. */
export function admissionsWithNames(db: Db) {
  return db
    .selectFrom('admissions as a')
    .innerJoin('persons as p', 'p.id', 'a.person_id')
    .innerJoin('facilities as f', 'f.id', 'a.facility_id')
    .selectAll('a')
    .select(['p.first_names', 'p.last_names', 'f.name as facility_name']);
}
export type AdmissionRow = Awaited<ReturnType<ReturnType<typeof admissionsWithNames>['execute']>>[number];

/** The patients in the facility's beds now, longest stay first; the partial index on open admissions serves it. */
export async function listOccupiedBeds(db: Db, facilityId: string): Promise<AdmissionRow[]> {
  return admissionsWithNames(db)
    .where('a.facility_id', '=', facilityId)
    .where('a.discharged_at', 'is', null)
    .orderBy('a.admitted_at')
    .execute();
}

/** Emergencies with the admission each one led to, for the life-saved rule. */
/** The facility's latest surgeries, newest first. */
export async function listSurgeries(db: Db, facilityId: string, limit: number) {
  return db
    .selectFrom('surgeries as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .selectAll('s')
    .select(['p.first_names', 'p.last_names'])
    .where('s.facility_id', '=', facilityId)
    .orderBy('s.performed_at', 'desc')
    .limit(limit)
    .execute();
}

export async function listEmergencies(db: Db, facilityId: string, limit: number) {
  return db
    .selectFrom('emergency_attentions as e')
    .innerJoin('persons as p', 'p.id', 'e.person_id')
    .leftJoin('admissions as a', 'a.emergency_id', 'e.id')
    .selectAll('e')
    .select(['p.first_names', 'p.last_names', 'a.discharge_outcome'])
    .where('e.facility_id', '=', facilityId)
    .orderBy('e.arrived_at', 'desc')
    .limit(limit)
    .execute();
}
