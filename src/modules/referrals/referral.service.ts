import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { ReferralStatus } from '../../db/schema.referrals';
import { AccessDenied, type Access } from '../../server/access';
import { AppError, fieldError } from '../../server/errors';
import { requireAlive } from '../care/care.access';
import { findIcd10Codes } from '../care/icd10.repository';
import { findPersonForCareTeam, findPostForCareTeam } from '../census/person.access';
import {
  findFacilityForReferral,
  findReferralWithNames,
  insertEvents,
  insertReferral,
  listEvents,
  listReferrals,
  lockReferral,
  updateStatus,
  type ReferralRow,
} from './referral.repository';
import { actingSide, answerDueAt, IN_QUEUE, nextSteps, stepProblem } from './referral.rules';
import type { SendReferralInput, StepInput } from './referral.schema';
import { toEventViews, toReferralSummary, type ReferralEventView, type ReferralSummary } from './referral.view';

export interface ReferralDetail extends ReferralSummary {
  events: ReferralEventView[];
  nextSteps: ReferralStep[];
  side: 'referring' | 'receiving';
}
type ReferralStep = ReferralDetail['events'][number]['step'];

/**
 * Checks that a facility can take a referral for a service: it exists, is not the referring one,
 * is operating and has the service installed. Throws the problem naming the field.
 */
export async function requireFacilityOffering(db: Db, facilityId: string, serviceCode: string, field: string) {
  const facility = await findFacilityForReferral(db, facilityId);
  if (!facility) throw fieldError('UNKNOWN_FACILITY', field, 'No facility has this id');
  if (facility.status !== 'operating') {
    throw fieldError('FACILITY_NOT_OPERATING', field, `${facility.name} is ${facility.status}, not operating`);
  }
  if (!facility.services.includes(serviceCode)) {
    throw fieldError('SERVICE_NOT_OFFERED', 'serviceCode', `${facility.name} does not offer ${serviceCode}`);
  }
  return facility;
}

/** Sends a referral of a person of the caller's post to another facility's service. */
export async function sendReferral(
  db: Db,
  access: Access,
  personId: string,
  input: SendReferralInput,
): Promise<ReferralDetail> {
  const person = await findPersonForCareTeam(db, access, personId, 'care.write');
  requireAlive(person);
  if (input.toFacilityId === person.facility_id) {
    throw fieldError('REFERRAL_TO_SAME_FACILITY', 'toFacilityId', 'Refer to another facility than your own');
  }
  const to = await requireFacilityOffering(db, input.toFacilityId, input.serviceCode, 'toFacilityId');
  if ((await findIcd10Codes(db, [input.icd10Code])).length === 0) {
    throw fieldError('UNKNOWN_DIAGNOSIS', 'icd10Code', `${input.icd10Code} is not in the CIE-10 list`);
  }
  if (input.encounterId) {
    const encounter = await db
      .selectFrom('encounters')
      .select('id')
      .where('id', '=', input.encounterId)
      .where('person_id', '=', person.id)
      .executeTakeFirst();
    if (!encounter) throw fieldError('ENCOUNTER_NOT_FOUND', 'encounterId', 'No such encounter of this person');
  }
  const sentAt = new Date();
  const id = newId();
  await db.transaction().execute((tx) =>
    insertReferral(tx, access.userId, {
      id,
      person_id: person.id,
      state_code: person.state_code,
      from_facility_id: person.facility_id,
      referred_by: access.userId,
      to_facility_id: to.id,
      to_state_code: to.state_code,
      service_code: input.serviceCode,
      encounter_id: input.encounterId ?? null,
      reason: input.reason,
      icd10_code: input.icd10Code,
      urgency: input.urgency,
      sent_at: sentAt,
      answer_due_at: answerDueAt(sentAt, input.urgency),
      status: 'sent',
      status_at: sentAt,
    }),
  );
  return getReferral(db, access, id);
}

/** The caller's side of a referral: the receiving team, the referring team, or neither (404, logged). */
function sideOf(
  access: Access,
  referral: Pick<ReferralRow, 'from_facility_id' | 'to_facility_id'>,
  permission: 'care.read' | 'care.write',
) {
  if (access.canAtFacility(permission, referral.to_facility_id)) return 'receiving' as const;
  if (access.canAtFacility(permission, referral.from_facility_id)) return 'referring' as const;
  throw new AccessDenied('REFERRAL_NOT_FOUND', `${permission} outside both ends of the referral`);
}

/** A referral with its steps, for the teams at either end. */
export async function getReferral(db: Db, access: Access, id: string): Promise<ReferralDetail> {
  const row = await findReferralWithNames(db, id);
  if (!row) throw new AppError('REFERRAL_NOT_FOUND');
  const side = sideOf(access, row, 'care.read');
  const events = await listEvents(db, id);
  const mayWrite =
    side === 'receiving'
      ? access.canAtFacility('care.write', row.to_facility_id)
      : access.canAtFacility('care.write', row.from_facility_id);
  return {
    ...toReferralSummary(row, new Date()),
    events: toEventViews(row.sent_at, events),
    nextSteps: mayWrite ? nextSteps(row.status).filter((step) => actingSide(step) === side) : [],
    side,
  };
}

/**
 * Takes a step of the referral loop: an appended event, and the referral's status moved on, in one
 * transaction with their ledger entries. Accepting or refusing a referral never marked received
 * records its receipt at the same instant, so every referral's steps read the same way.
 */
export async function takeStep(db: Db, access: Access, id: string, input: StepInput): Promise<ReferralDetail> {
  const at = new Date();
  await db.transaction().execute(async (tx) => {
    const referral = await lockReferral(tx, id);
    if (!referral) throw new AppError('REFERRAL_NOT_FOUND');
    const side = actingSide(input.step);
    const facilityId = side === 'receiving' ? referral.to_facility_id : referral.from_facility_id;
    if (!access.canAtFacility('care.write', facilityId)) {
      sideOf(access, referral, 'care.read');
      throw new AccessDenied('NOT_PERMITTED', `only the ${side} facility takes the step ${input.step}`);
    }
    const problem = stepProblem(referral.status, input.step);
    if (problem) throw fieldError('REFERRAL_STEP_NOT_ALLOWED', 'step', problem);
    const facility = await tx
      .selectFrom('facilities')
      .select('state_code')
      .where('id', '=', facilityId)
      .executeTakeFirstOrThrow();
    const base = {
      referral_id: id,
      facility_id: facilityId,
      state_code: facility.state_code,
      at,
      by_user: access.userId,
    };
    const empty = { refusal_reason: null, notes: null, findings: null, treatment: null, recommendations: null };
    const events = [];
    if (referral.status === 'sent' && (input.step === 'accepted' || input.step === 'refused')) {
      events.push({ id: newId(), ...base, ...empty, step: 'received' as const });
    }
    events.push({
      id: newId(),
      ...base,
      ...empty,
      step: input.step,
      ...('notes' in input ? { notes: input.notes ?? null } : {}),
      ...(input.step === 'refused' ? { refusal_reason: input.refusalReason } : {}),
      ...(input.step === 'counter_referred'
        ? {
            findings: input.findings,
            treatment: input.treatment ?? null,
            recommendations: input.recommendations ?? null,
          }
        : {}),
    });
    await insertEvents(tx, access.userId, events);
    await updateStatus(tx, access.userId, id, input.step, at);
  });
  return getReferral(db, access, id);
}

/** The receiving facility's queue: what it still has to answer, attend or counter-refer (or all of the latest). */
export async function facilityQueue(
  db: Db,
  access: Access,
  facilityId: string,
  scope: 'open' | 'all',
): Promise<{ items: ReferralSummary[] }> {
  access.requireAtFacility('care.read', facilityId, 'FACILITY_NOT_FOUND');
  const rows = await listReferrals(db, 'to', facilityId, scope === 'open' ? IN_QUEUE : null, 200);
  const now = new Date();
  return { items: rows.map((row) => toReferralSummary(row, now)) };
}

/** The referrals a post sent: where each one stands. Open ones are all but refused and closed. */
export async function sentReferrals(
  db: Db,
  access: Access,
  facilityId: string,
  scope: 'open' | 'all',
): Promise<{ items: ReferralSummary[] }> {
  await findPostForCareTeam(db, access, facilityId, 'care.read');
  const open: ReferralStatus[] = ['sent', 'received', 'accepted', 'attended', 'counter_referred'];
  const rows = await listReferrals(db, 'from', facilityId, scope === 'open' ? open : null, 200);
  const now = new Date();
  return { items: rows.map((row) => toReferralSummary(row, now)) };
}
