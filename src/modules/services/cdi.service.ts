import type { z } from 'zod';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { Access } from '../../server/access';
import { fieldError } from '../../server/errors';
import type { PersonRow } from '../census/person.access';
import { requireAlive } from '../care/care.access';
import { writeLedgered } from '../integrity/ledger.repository';
import { listEmergencies, listSurgeries } from './admission.repository';
import {
  findFacilityForTeam,
  findPersonAtFacility,
  findPersonForEmergency,
  requireReferralTo,
  type TeamFacility,
} from './services.access';
import { isLifeSaved } from './services.rules';
import type { EmergencyInput, emergencySchema, surgeryBody, surgerySchema } from './services.schema';

export type EmergencyView = z.infer<typeof emergencySchema>;

export function requireService(facility: TeamFacility, code: string, field: string) {
  if (!facility.services.includes(code)) {
    throw fieldError('SERVICE_NOT_OFFERED', field, `${facility.name} does not offer ${code}`);
  }
}

export function when(value: string | null | undefined, field: string): Date {
  const at = value ? new Date(value) : new Date();
  if (at.getTime() > Date.now() + 60_000)
    throw fieldError('VALIDATION_FAILED', field, 'The time cannot be in the future');
  return at;
}

/** Records an attention in the emergency room (cuerpo de guardia): triage, life support, outcome. */
export async function recordEmergency(db: Db, access: Access, facilityId: string, input: EmergencyInput) {
  const facility = await findFacilityForTeam(db, access, facilityId, 'care.write');
  requireService(facility, 'EMERGENCY_ROOM', 'facilityId');
  if (input.lifeSupport) requireService(facility, 'LIFE_SUPPORT', 'lifeSupport');
  const person = await findPersonForEmergency(db, input.personId, facility.id);
  requireAlive(person as PersonRow);
  const referralId = await requireReferralTo(db, input.referralId, facility.id, person.id);
  const id = newId();
  await db.transaction().execute((tx) =>
    writeLedgered(
      tx,
      access.userId,
      'create',
      'emergency_attentions',
      tx
        .insertInto('emergency_attentions')
        .values({
          id,
          person_id: person.id,
          facility_id: facility.id,
          state_code: facility.state_code,
          referral_id: referralId,
          arrived_at: when(input.arrivedAt, 'arrivedAt'),
          triage_level: input.triageLevel,
          complaint: input.complaint,
          life_support: input.lifeSupport,
          outcome: input.outcome,
          recorded_by: access.userId,
          recorded_at: new Date(),
        })
        .returningAll(),
    ),
  );
  return { id };
}

/** The facility's latest emergency attentions, each with whether it counts as a life saved. */
export async function emergencyList(db: Db, access: Access, facilityId: string): Promise<{ items: EmergencyView[] }> {
  await findFacilityForTeam(db, access, facilityId, 'care.read');
  const rows = await listEmergencies(db, facilityId, 200);
  return {
    items: rows.map((row) => ({
      id: row.id,
      person: { id: row.person_id, name: `${row.first_names} ${row.last_names}` },
      referralId: row.referral_id,
      arrivedAt: row.arrived_at.toISOString(),
      triageLevel: row.triage_level,
      complaint: row.complaint,
      lifeSupport: row.life_support,
      outcome: row.outcome,
      lifeSaved: isLifeSaved({
        lifeSupport: row.life_support,
        outcome: row.outcome,
        admission: row.outcome === 'admitted' ? { dischargeOutcome: row.discharge_outcome } : null,
      }),
    })),
  };
}

/** The operating room's latest surgeries, for the facility's team. */
export async function surgeryList(
  db: Db,
  access: Access,
  facilityId: string,
): Promise<{ items: z.infer<typeof surgerySchema>[] }> {
  await findFacilityForTeam(db, access, facilityId, 'care.read');
  const rows = await listSurgeries(db, facilityId, 200);
  return {
    items: rows.map((row) => ({
      id: row.id,
      person: { id: row.person_id, name: `${row.first_names} ${row.last_names}` },
      admissionId: row.admission_id,
      kind: row.kind,
      procedure: row.procedure,
      performedAt: row.performed_at.toISOString(),
    })),
  };
}

/** Records a surgery in the facility's operating room. */
export async function recordSurgery(db: Db, access: Access, facilityId: string, input: z.infer<typeof surgeryBody>) {
  const facility = await findFacilityForTeam(db, access, facilityId, 'care.write');
  requireService(facility, 'OPERATING_ROOM', 'facilityId');
  const person = await findPersonAtFacility(db, input.personId, facility.id);
  if (input.admissionId) {
    const admission = await db
      .selectFrom('admissions')
      .select('id')
      .where('id', '=', input.admissionId)
      .where('person_id', '=', person.id)
      .where('facility_id', '=', facility.id)
      .executeTakeFirst();
    if (!admission) throw fieldError('ADMISSION_NOT_FOUND', 'admissionId', 'No admission of this person here');
  }
  const id = newId();
  await db.transaction().execute((tx) =>
    writeLedgered(
      tx,
      access.userId,
      'create',
      'surgeries',
      tx
        .insertInto('surgeries')
        .values({
          id,
          person_id: person.id,
          facility_id: facility.id,
          state_code: facility.state_code,
          admission_id: input.admissionId ?? null,
          kind: input.kind,
          procedure: input.procedure,
          performed_at: when(input.performedAt, 'performedAt'),
          recorded_by: access.userId,
        })
        .returningAll(),
    ),
  );
  return { id };
}
