import type { ReferralStep } from '../../../db/schema.referrals';
import { answerDueAt } from '../../referrals/referral.rules';
import { addDays } from '../../care/calendar';
import { pickWeighted, type Random } from '../demo.rules';
import type { DemoFacility, ReceivingFacilities } from '../demo.referrals';
import type { PopulationContext, ReferredEncounter } from './population.plan';
import {
  DEMO_REFUSALS,
  REFERRAL_ENDINGS,
  REFERRAL_REASONS,
  type CareGiven,
  type ReceivingKind,
  type ReferralReason,
} from './population.referral-reasons';

/** Where the population is referred and who acts there: user ids where the demo has users, else the demo actor. */
export interface ReferralTargets {
  facilities: ReceivingFacilities;
  staff: Record<ReceivingKind, string>;
  /** Who sends and closes the referrals of a post: its doctor's user id, or the demo actor. */
  doctorOf: (postId: string) => string;
}

/** A service to fall back on when the facility lacks the one the reason asks for. */
const FALLBACK_SERVICES: Record<ReceivingKind, readonly string[]> = {
  cdi: ['SPECIALIST_CONSULTATIONS', 'EMERGENCY_ROOM'],
  sri: ['REHABILITATION_CONSULTATION'],
  cat: ['CARDIOLOGY_CONSULTATION', 'GASTROENTEROLOGY_CONSULTATION'],
  hospital: ['SPECIALIST_CONSULTATIONS', 'EMERGENCY_ROOM'],
};

const HOUR = 3_600_000;
const after = (at: Date, hours: number) => new Date(at.getTime() + hours * HOUR);
const hoursBetween = (random: Random, from: number, to: number) => from + random.next() * (to - from);
const waitOf = (random: Random, [from, to]: readonly [number, number]) => hoursBetween(random, from, to);
const dayOf = (at: Date) => new Date(at.getTime() - 4 * HOUR).toISOString().slice(0, 10); // Caracas, UTC−4

/** Hours each step waits after the one before, by urgency: [received, answered, attended]. */
const WAITS = {
  emergency: [
    [0.05, 0.4],
    [0.05, 0.3],
    [0.1, 1],
  ],
  priority: [
    [1, 24],
    [1, 36],
    [12, 96],
  ],
  routine: [
    [12, 120],
    [24, 400],
    [48, 600],
  ],
} as const;

/** Hours from attention to counter-referral, by the care given (rehabilitation: from its sessions). */
const CARE_HOURS: Record<CareGiven, [number, number]> = {
  emergency: [4, 48],
  admission: [72, 240],
  exam: [24, 168],
  rehab: [0, 0],
  surgery: [72, 240],
  consultation: [1, 72],
};

/**
 * The referral loop of every consultation that ended in a referral: the referral to the CDI, SRI,
 * CAT or hospital, its steps until the day before today (most counter-referred and closed, some
 * refused with a coded reason, some never answered and so overdue, the latest still on their way),
 * and the care given once attended: emergency attentions, admissions and discharges, surgeries,
 * exam orders with their results, and rehabilitation plans session by session.
 */
export function planReferrals(ctx: PopulationContext, targets: ReferralTargets) {
  const random = ctx.random('referrals');
  // Nothing is recorded from midnight today in Caracas on: the load may run early in the morning.
  const cutoff = new Date(ctx.at(ctx.today).getTime() - 8 * HOUR);
  const openAdmissions = new Set<string>();
  for (const referred of ctx.referred) planReferral(ctx, random, referred, targets, cutoff, openAdmissions);
}

function planReferral(
  ctx: PopulationContext,
  random: Random,
  { encounter, person, reasonIndex }: ReferredEncounter,
  targets: ReferralTargets,
  cutoff: Date,
  openAdmissions: Set<string>,
) {
  const reason = REFERRAL_REASONS[reasonIndex]!;
  const to = targets.facilities[reason.to];
  const offered = reason.services.find((s) => to.services.includes(s));
  const service = offered ?? FALLBACK_SERVICES[reason.to].find((s) => to.services.includes(s)) ?? to.services[0]!;
  const care: CareGiven = offered ? reason.care : 'consultation';
  const staff = targets.staff[reason.to];
  const doctor = targets.doctorOf(person.post.id);
  const sentAt = after(encounter.occurred_at as Date, 0.5);
  const referralId = ctx.idAt(sentAt, random);
  const [receivedWait, answerWait, attendWait] = WAITS[reason.urgency];
  const ending = pickWeighted(random, REFERRAL_ENDINGS);
  const steps: { step: ReferralStep; at: Date; extra?: Record<string, string> }[] = [];
  const received = after(sentAt, waitOf(random, receivedWait));
  const answered = after(received, waitOf(random, answerWait));
  const attended = after(answered, waitOf(random, attendWait));
  if (ending === 'unanswered') {
    if (random.chance(0.5)) steps.push({ step: 'received', at: received });
  } else if (ending === 'refused') {
    steps.push({ step: 'received', at: received });
    const refusal = pickWeighted(random, DEMO_REFUSALS);
    steps.push({ step: 'refused', at: answered, extra: { refusal_reason: refusal } });
  } else {
    steps.push(
      { step: 'received', at: received },
      { step: 'accepted', at: answered },
      { step: 'attended', at: attended },
    );
  }
  const place = { person_id: person.row.id, facility_id: to.id, state_code: to.state_code, referral_id: referralId };
  const attendedBy = ending === 'completed' && attended <= cutoff;
  const careEnds = attendedBy
    ? planCare(ctx, random, { reason, care, to, staff, place, attended, cutoff, openAdmissions })
    : after(attended, waitOf(random, CARE_HOURS[care]));
  if (ending === 'completed') {
    const counterAt = after(careEnds, hoursBetween(random, 1, 24));
    steps.push({ step: 'counter_referred', at: counterAt, extra: { ...reason.counter } });
    if (random.chance(0.9)) steps.push({ step: 'closed', at: after(counterAt, hoursBetween(random, 24, 400)) });
  }
  const taken = steps.filter((s) => s.at <= cutoff);
  const last = taken.at(-1);
  ctx.rows.referrals.push({
    id: referralId,
    person_id: person.row.id,
    state_code: person.post.stateCode,
    from_facility_id: person.post.id,
    referred_by: doctor,
    to_facility_id: to.id,
    to_state_code: to.state_code,
    service_code: service,
    encounter_id: encounter.id,
    reason: reason.reason,
    icd10_code: reason.icd10,
    urgency: reason.urgency,
    sent_at: sentAt,
    answer_due_at: answerDueAt(sentAt, reason.urgency),
    status: last?.step ?? 'sent',
    status_at: last?.at ?? sentAt,
  });
  for (const { step, at, extra } of taken) {
    const closing = step === 'closed';
    ctx.rows.referral_events.push({
      id: ctx.idAt(at, random),
      referral_id: referralId,
      facility_id: closing ? person.post.id : to.id,
      state_code: closing ? person.post.stateCode : to.state_code,
      step,
      at,
      by_user: closing ? doctor : staff,
      refusal_reason: null,
      notes: null,
      findings: null,
      treatment: null,
      recommendations: null,
      ...extra,
    });
  }
}

interface CareInput {
  reason: ReferralReason;
  care: CareGiven;
  to: DemoFacility;
  staff: string;
  place: { person_id: string; facility_id: string; state_code: string; referral_id: string };
  attended: Date;
  cutoff: Date;
  openAdmissions: Set<string>;
}

/** Writes the care given from the attention on, up to the cutoff; returns when it ended (or will end). */
function planCare(ctx: PopulationContext, random: Random, input: CareInput): Date {
  const { reason, care, to, staff, place, attended, cutoff } = input;
  let ends = after(attended, waitOf(random, CARE_HOURS[care]));
  let admitted: { unit: 'ward' | 'icu'; lifeSupport: boolean; emergencyId: string | null } | null = null;
  if (care === 'emergency' || (care === 'surgery' && reason.urgency === 'emergency')) {
    const lifeSupport = random.chance(0.08);
    const admit = care === 'surgery' || lifeSupport || random.chance(0.2);
    const id = ctx.idAt(attended, random);
    ctx.rows.emergency_attentions.push({
      ...place,
      id,
      arrived_at: attended,
      triage_level: lifeSupport ? 1 : random.int(2, 3),
      complaint: reason.reason,
      life_support: lifeSupport,
      outcome: admit && !input.openAdmissions.has(place.person_id) ? 'admitted' : 'discharged',
      recorded_by: staff,
      recorded_at: after(attended, 0.3),
    });
    if (admit) admitted = { unit: lifeSupport ? 'icu' : 'ward', lifeSupport, emergencyId: id };
  } else if (care === 'admission' || care === 'surgery') {
    admitted = { unit: 'ward', lifeSupport: false, emergencyId: null };
  }
  if (admitted && !input.openAdmissions.has(place.person_id)) {
    const admittedAt = after(attended, 0.6);
    const stay = care === 'surgery' ? hoursBetween(random, 48, 120) : hoursBetween(random, 48, 200);
    const dischargedAt = after(admittedAt, stay);
    const discharged = dischargedAt <= cutoff;
    if (!discharged) input.openAdmissions.add(place.person_id);
    const admissionId = ctx.idAt(admittedAt, random);
    ctx.rows.admissions.push({
      ...place,
      id: admissionId,
      emergency_id: admitted.emergencyId,
      unit: admitted.unit,
      reason: reason.reason,
      life_support: admitted.lifeSupport,
      admitted_at: admittedAt,
      admitted_by: staff,
      discharged_at: discharged ? dischargedAt : null,
      discharge_outcome: discharged ? (random.chance(0.6) ? 'recovered' : 'improved') : null,
      discharged_by: discharged ? staff : null,
    });
    if (care === 'surgery' && reason.surgery) {
      const performedAt = after(admittedAt, reason.urgency === 'emergency' ? hoursBetween(random, 1, 6) : 12);
      if (performedAt <= cutoff)
        ctx.rows.surgeries.push({
          id: ctx.idAt(performedAt, random),
          person_id: place.person_id,
          facility_id: place.facility_id,
          state_code: place.state_code,
          admission_id: admissionId,
          kind: reason.surgery.kind,
          procedure: reason.surgery.procedure,
          performed_at: performedAt,
          recorded_by: staff,
        });
    }
    ends = dischargedAt;
  }
  for (const exam of (reason.exams ?? []).filter((code) => to.services.includes(code))) {
    const orderedAt = after(attended, 0.2);
    const orderId = ctx.idAt(orderedAt, random);
    ctx.rows.exam_orders.push({
      ...place,
      id: orderId,
      ordering_facility_id: to.id,
      exam_code: exam,
      indication: reason.reason,
      ordered_at: orderedAt,
      ordered_by: staff,
    });
    const reportedAt = after(
      orderedAt,
      care === 'emergency' ? hoursBetween(random, 0.5, 3) : hoursBetween(random, 2, 48),
    );
    if (reportedAt > cutoff) continue;
    const abnormal = random.chance(0.35);
    ctx.rows.exam_results.push({
      id: ctx.idAt(reportedAt, random),
      order_id: orderId,
      person_id: place.person_id,
      facility_id: place.facility_id,
      state_code: place.state_code,
      result: abnormal
        ? 'Hallazgos anormales; ver conducta en la contrarreferencia'
        : 'Sin alteraciones significativas',
      abnormal,
      reported_at: reportedAt,
      reported_by: staff,
    });
  }
  if (care === 'rehab') ends = planRehabilitation(ctx, random, input);
  return ends;
}

/** A rehabilitation plan from the day of attention, sessions every two or three days until done or until today. */
function planRehabilitation(ctx: PopulationContext, random: Random, input: CareInput): Date {
  const { reason, to, staff, place, attended, cutoff } = input;
  const modalities = to.services.filter((code) => code !== 'REHABILITATION_CONSULTATION').slice(0, 2);
  if (modalities.length === 0) return after(attended, 24);
  const startedOn = dayOf(attended);
  const planned = random.int(10, 20);
  const abandons = random.chance(0.08);
  const lastDay = dayOf(cutoff);
  let on = startedOn;
  const sessions: { on: string; attended: boolean }[] = [];
  for (let i = 0; i < planned && on < lastDay; i++) {
    const came = abandons && i > 3 ? false : random.chance(0.87);
    sessions.push({ on, attended: came });
    on = addDays(on, random.int(2, 3));
  }
  const finished = sessions.length === planned;
  const planId = ctx.idAt(attended, random);
  const lastSession = sessions.at(-1)?.on ?? startedOn;
  ctx.rows.rehab_plans.push({
    ...place,
    id: planId,
    diagnosis_icd10: reason.icd10,
    modalities,
    sessions_planned: planned,
    started_on: startedOn,
    created_by: staff,
    discharged_on: finished ? lastSession : null,
    discharge_outcome: finished ? (abandons ? 'abandoned' : random.chance(0.5) ? 'goals_met' : 'improved') : null,
  });
  sessions.forEach((session, i) =>
    ctx.rows.rehab_sessions.push({
      id: ctx.idAt(ctx.at(session.on, 60 + i), random),
      plan_id: planId,
      facility_id: place.facility_id,
      state_code: place.state_code,
      modality: modalities[i % modalities.length]!,
      session_on: session.on,
      attended: session.attended,
      recorded_by: staff,
    }),
  );
  return finished ? ctx.at(lastSession, 120) : after(cutoff, 24 * 3 * (planned - sessions.length));
}
