import type { z } from 'zod';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Unit } from '../../db/schema.referrals';
import { AccessDenied, type Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { requireAlive } from '../care/care.access';
import type { PersonRow } from '../census/person.access';
import {
  admissionsWithNames,
  countOccupied,
  findOpenAdmissionOf,
  insertAdmission,
  insertTransfer,
  listOccupiedBeds,
  lockAdmission,
  lockFacilityBeds,
  updateAdmission,
  type AdmissionRow,
} from './admission.repository';
import { findFacilityForTeam, findPersonAtFacility, requireReferralTo } from './services.access';
import { bedsOf, hasUnit, occupancy, UNITS, unitFullProblem } from './services.rules';
import type { admissionSchema, AdmitInput, bedBoardSchema, DischargeInput } from './services.schema';

export type AdmissionView = z.infer<typeof admissionSchema>;

function toAdmissionView(row: AdmissionRow): AdmissionView {
  return {
    id: row.id,
    person: { id: row.person_id, name: `${row.first_names} ${row.last_names}` },
    facility: { id: row.facility_id, name: row.facility_name },
    referralId: row.referral_id,
    unit: row.unit,
    reason: row.reason,
    lifeSupport: row.life_support,
    admittedAt: row.admitted_at.toISOString(),
    dischargedAt: row.discharged_at ? row.discharged_at.toISOString() : null,
    dischargeOutcome: row.discharge_outcome,
  };
}

async function viewAdmission(db: Db, id: string) {
  return toAdmissionView((await admissionsWithNames(db).where('a.id', '=', id).executeTakeFirst())!);
}

function notFuture(at: Date, field: string) {
  if (at.getTime() > Date.now() + 60_000)
    throw fieldError('VALIDATION_FAILED', field, 'The time cannot be in the future');
}

function requireUnitService(
  facility: { name: string; kind: string; services: string[]; beds_ward: number },
  unit: Unit,
  field: string,
) {
  if (!hasUnit(facility, unit)) {
    throw fieldError(
      'SERVICE_NOT_OFFERED',
      field,
      `${facility.name} has no ${unit === 'icu' ? 'intensive care' : 'ward'}`,
    );
  }
}

/** Admits a patient of the facility (or referred to it) to its ward or intensive care, when a bed is free. */
export async function admit(db: Db, access: Access, facilityId: string, input: AdmitInput): Promise<AdmissionView> {
  const facility = await findFacilityForTeam(db, access, facilityId, 'care.write');
  requireUnitService(facility, input.unit, 'unit');
  const person = await findPersonAtFacility(db, input.personId, facility.id);
  requireAlive(person as PersonRow);
  const referralId = await requireReferralTo(db, input.referralId, facility.id, person.id);
  const admittedAt = input.admittedAt ? new Date(input.admittedAt) : new Date();
  notFuture(admittedAt, 'admittedAt');
  if (input.emergencyId) {
    const emergency = await db
      .selectFrom('emergency_attentions')
      .select('id')
      .where('id', '=', input.emergencyId)
      .where('facility_id', '=', facility.id)
      .where('person_id', '=', person.id)
      .executeTakeFirst();
    if (!emergency) throw fieldError('NOT_FOUND', 'emergencyId', 'No emergency attention of this person here');
  }
  const id = newId();
  await db.transaction().execute(async (tx) => {
    const beds = await lockFacilityBeds(tx, facility.id);
    const full = unitFullProblem(
      input.unit,
      bedsOf(beds, input.unit),
      await countOccupied(tx, facility.id, input.unit),
    );
    if (full) throw fieldError('UNIT_FULL', 'unit', full);
    const open = await findOpenAdmissionOf(tx, person.id);
    if (open) throw fieldError('ALREADY_ADMITTED', 'personId', `This person is admitted at ${open.name}`);
    await insertAdmission(tx, access.userId, {
      id,
      person_id: person.id,
      facility_id: facility.id,
      state_code: facility.state_code,
      referral_id: referralId,
      emergency_id: input.emergencyId ?? null,
      unit: input.unit,
      reason: input.reason,
      life_support: input.lifeSupport,
      admitted_at: admittedAt,
      admitted_by: access.userId,
      discharged_at: null,
      discharge_outcome: null,
      discharged_by: null,
    });
  });
  return viewAdmission(db, id);
}

/** The admission, locked, when the caller may write at its facility; otherwise ADMISSION_NOT_FOUND (logged). */
async function lockAdmissionForTeam(tx: Db, access: Access, id: string) {
  const admission = await lockAdmission(tx, id);
  if (!admission) throw new AppError('ADMISSION_NOT_FOUND', 'No admission has this id: admit the patient first');
  if (!access.canAtFacility('care.write', admission.facility_id)) {
    throw new AccessDenied('ADMISSION_NOT_FOUND', 'care.write outside the admitting facility');
  }
  if (admission.discharged_at) {
    throw new AppError('ALREADY_DISCHARGED', `This admission ended on ${admission.discharged_at.toISOString()}`);
  }
  return admission;
}

/** Moves an admitted patient between the ward and intensive care, when a bed is free there. */
export async function transfer(
  db: Db,
  access: Access,
  id: string,
  input: { toUnit: Unit; at?: string | null | undefined },
) {
  await db.transaction().execute(async (tx) => {
    const admission = await lockAdmissionForTeam(tx, access, id);
    if (admission.unit === input.toUnit)
      throw fieldError('VALIDATION_FAILED', 'toUnit', 'The patient is already in this unit');
    const facility = await findFacilityForTeam(tx, access, admission.facility_id, 'care.write');
    requireUnitService(facility, input.toUnit, 'toUnit');
    const at = input.at ? new Date(input.at) : new Date();
    notFuture(at, 'at');
    if (at < admission.admitted_at)
      throw fieldError('VALIDATION_FAILED', 'at', 'The transfer cannot be before the admission');
    const beds = await lockFacilityBeds(tx, facility.id);
    const full = unitFullProblem(
      input.toUnit,
      bedsOf(beds, input.toUnit),
      await countOccupied(tx, facility.id, input.toUnit),
    );
    if (full) throw fieldError('UNIT_FULL', 'toUnit', full);
    await insertTransfer(tx, access.userId, {
      id: newId(),
      admission_id: id,
      facility_id: admission.facility_id,
      state_code: admission.state_code,
      from_unit: admission.unit,
      to_unit: input.toUnit,
      at,
      by_user: access.userId,
    });
    await updateAdmission(tx, access.userId, id, { unit: input.toUnit });
  });
  return viewAdmission(db, id);
}

/** Discharges an admitted patient with the outcome; never before the admission. */
export async function discharge(db: Db, access: Access, id: string, input: DischargeInput): Promise<AdmissionView> {
  await db.transaction().execute(async (tx) => {
    const admission = await lockAdmissionForTeam(tx, access, id);
    const at = input.dischargedAt ? new Date(input.dischargedAt) : new Date();
    notFuture(at, 'dischargedAt');
    if (at < admission.admitted_at) {
      throw fieldError(
        'DISCHARGE_BEFORE_ADMISSION',
        'dischargedAt',
        `The patient was admitted on ${admission.admitted_at.toISOString()}`,
      );
    }
    await updateAdmission(tx, access.userId, id, {
      discharged_at: at,
      discharge_outcome: input.outcome,
      discharged_by: access.userId,
    });
  });
  return viewAdmission(db, id);
}

/** The facility's beds by unit: how many, how many occupied, and by whom. */
export async function bedBoard(db: Db, access: Access, facilityId: string): Promise<z.infer<typeof bedBoardSchema>> {
  const facility = await findFacilityForTeam(db, access, facilityId, 'care.read');
  const rows = await listOccupiedBeds(db, facility.id);
  const now = Date.now();
  return {
    facilityId,
    units: UNITS.map((unit) => {
      const beds = bedsOf(facility, unit);
      const patients = rows
        .filter((row) => row.unit === unit)
        .map((row) => ({ ...toAdmissionView(row), days: Math.floor((now - row.admitted_at.getTime()) / 86_400_000) }));
      return {
        unit,
        beds,
        occupied: patients.length,
        free: Math.max(0, beds - patients.length),
        occupancy: occupancy(beds, patients.length),
        patients,
      };
    }),
  };
}

/** A facility's admissions, newest first, optionally of one referral or person. */
export async function listAdmissions(
  db: Db,
  access: Access,
  facilityId: string,
  filter: { referralId?: string | undefined; personId?: string | undefined },
): Promise<{ items: AdmissionView[] }> {
  await findFacilityForTeam(db, access, facilityId, 'care.read');
  let query = admissionsWithNames(db).where('a.facility_id', '=', facilityId);
  if (filter.referralId) query = query.where('a.referral_id', '=', filter.referralId);
  if (filter.personId) query = query.where('a.person_id', '=', filter.personId);
  const rows = await query.orderBy('a.admitted_at', 'desc').limit(200).execute();
  return { items: rows.map(toAdmissionView) };
}

/** The admissions of a referral (the referral's access was checked by the caller). */
export async function listReferralAdmissions(db: Db, referralId: string): Promise<AdmissionView[]> {
  const rows = await admissionsWithNames(db).where('a.referral_id', '=', referralId).orderBy('a.admitted_at').execute();
  return rows.map(toAdmissionView);
}
