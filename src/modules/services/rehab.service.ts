import type { z } from 'zod';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import { AccessDenied, type Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { todayLocal } from '../../shared/time';
import { findIcd10Codes } from '../care/icd10.repository';
import { writeLedgered } from '../integrity/ledger.repository';
import { findFacilityForTeam, findPersonAtFacility, requireReferralTo } from './services.access';
import type { rehabDischargeBody, RehabPlanInput, rehabPlanSchema, rehabSessionBody } from './services.schema';

export type RehabPlanView = z.infer<typeof rehabPlanSchema>;

async function viewPlans(db: Db, where: { facilityId?: string; id?: string }): Promise<RehabPlanView[]> {
  let query = db
    .selectFrom('rehab_plans as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .innerJoin('icd10 as d', 'd.code', 'r.diagnosis_icd10')
    .selectAll('r')
    .select(['p.first_names', 'p.last_names', 'd.title_es']);
  if (where.facilityId) query = query.where('r.facility_id', '=', where.facilityId);
  if (where.id) query = query.where('r.id', '=', where.id);
  const plans = await query.orderBy('r.started_on', 'desc').limit(200).execute();
  const sessions =
    plans.length === 0
      ? []
      : await db
          .selectFrom('rehab_sessions')
          .select(['plan_id', 'modality', 'session_on', 'attended'])
          .where(
            'plan_id',
            'in',
            plans.map((p) => p.id),
          )
          .orderBy('session_on')
          .execute();
  return plans.map((plan) => {
    const own = sessions.filter((s) => s.plan_id === plan.id);
    return {
      id: plan.id,
      person: { id: plan.person_id, name: `${plan.first_names} ${plan.last_names}` },
      referralId: plan.referral_id,
      diagnosis: { code: plan.diagnosis_icd10, title: plan.title_es },
      modalities: plan.modalities,
      sessionsPlanned: plan.sessions_planned,
      startedOn: plan.started_on,
      dischargedOn: plan.discharged_on,
      dischargeOutcome: plan.discharge_outcome,
      sessions: own.map((s) => ({ modality: s.modality, sessionOn: s.session_on, attended: s.attended })),
      attended: own.filter((s) => s.attended).length,
      missed: own.filter((s) => !s.attended).length,
    };
  });
}

/** Opens a rehabilitation plan: diagnosis, modalities the room offers, sessions planned. */
export async function createRehabPlan(db: Db, access: Access, facilityId: string, input: RehabPlanInput) {
  const facility = await findFacilityForTeam(db, access, facilityId, 'care.write');
  const catalog = await db.selectFrom('service_catalog').select('code').where('area', '=', 'rehabilitation').execute();
  const rehabilitation = new Set(catalog.map((c) => c.code));
  input.modalities.forEach((modality, index) => {
    if (!rehabilitation.has(modality) || !facility.services.includes(modality)) {
      throw fieldError('SERVICE_NOT_OFFERED', `modalities.${index}`, `${facility.name} does not offer ${modality}`);
    }
  });
  const person = await findPersonAtFacility(db, input.personId, facility.id);
  const referralId = await requireReferralTo(db, input.referralId, facility.id, person.id);
  if ((await findIcd10Codes(db, [input.diagnosisIcd10])).length === 0) {
    throw fieldError('UNKNOWN_DIAGNOSIS', 'diagnosisIcd10', `${input.diagnosisIcd10} is not in the CIE-10 list`);
  }
  const id = newId();
  await db.transaction().execute((tx) =>
    writeLedgered(
      tx,
      access.userId,
      'create',
      'rehab_plans',
      tx
        .insertInto('rehab_plans')
        .values({
          id,
          person_id: person.id,
          facility_id: facility.id,
          state_code: facility.state_code,
          referral_id: referralId,
          diagnosis_icd10: input.diagnosisIcd10,
          modalities: [...new Set(input.modalities)],
          sessions_planned: input.sessionsPlanned,
          started_on: todayLocal(),
          created_by: access.userId,
          discharged_on: null,
          discharge_outcome: null,
        })
        .returningAll(),
    ),
  );
  return (await viewPlans(db, { id }))[0]!;
}

async function lockPlanForTeam(tx: Db, access: Access, id: string) {
  const plan = await tx.selectFrom('rehab_plans').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!plan) throw new AppError('REHAB_PLAN_NOT_FOUND');
  if (!access.canAtFacility('care.write', plan.facility_id)) {
    throw new AccessDenied('REHAB_PLAN_NOT_FOUND', 'care.write outside the rehabilitation room');
  }
  if (plan.discharged_on)
    throw new AppError('REHAB_PLAN_CLOSED', `The patient was discharged on ${plan.discharged_on}`);
  return plan;
}

/** Records a session of the plan, attended or missed, by modality. */
export async function recordRehabSession(db: Db, access: Access, id: string, input: z.infer<typeof rehabSessionBody>) {
  await db.transaction().execute(async (tx) => {
    const plan = await lockPlanForTeam(tx, access, id);
    if (!plan.modalities.includes(input.modality)) {
      throw fieldError('MODALITY_NOT_IN_PLAN', 'modality', `The plan's modalities are ${plan.modalities.join(', ')}`);
    }
    if (input.sessionOn < plan.started_on || input.sessionOn > todayLocal()) {
      throw fieldError('VALIDATION_FAILED', 'sessionOn', `Sessions are from ${plan.started_on} to today`);
    }
    await writeLedgered(
      tx,
      access.userId,
      'create',
      'rehab_sessions',
      tx
        .insertInto('rehab_sessions')
        .values({
          id: newId(),
          plan_id: plan.id,
          facility_id: plan.facility_id,
          state_code: plan.state_code,
          modality: input.modality,
          session_on: input.sessionOn,
          attended: input.attended,
          recorded_by: access.userId,
        })
        .returningAll(),
    );
  });
  return (await viewPlans(db, { id }))[0]!;
}

/** Discharges the patient from the plan with its outcome. */
export async function dischargeRehab(db: Db, access: Access, id: string, input: z.infer<typeof rehabDischargeBody>) {
  await db.transaction().execute(async (tx) => {
    const plan = await lockPlanForTeam(tx, access, id);
    if (input.dischargedOn < plan.started_on) {
      throw fieldError('DISCHARGE_BEFORE_ADMISSION', 'dischargedOn', `The plan started on ${plan.started_on}`);
    }
    await writeLedgered(
      tx,
      access.userId,
      'update',
      'rehab_plans',
      tx
        .updateTable('rehab_plans')
        .set({ discharged_on: input.dischargedOn, discharge_outcome: input.outcome })
        .where('id', '=', id)
        .returningAll(),
    );
  });
  return (await viewPlans(db, { id }))[0]!;
}

export async function listRehabPlans(db: Db, access: Access, facilityId: string) {
  await findFacilityForTeam(db, access, facilityId, 'care.read');
  return { items: await viewPlans(db, { facilityId }) };
}
