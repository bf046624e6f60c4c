import type { ReferralStatus, ReferralStep, ReferralUrgency } from '../../db/schema.referrals';

/**
 * The referral loop as pure rules: which step may follow which, who takes it, when an unanswered
 * referral is overdue, and how long each step waited.
 */

export const URGENCIES = ['emergency', 'priority', 'routine'] as const satisfies readonly ReferralUrgency[];
export const REFERRAL_STEPS = [
  'received',
  'accepted',
  'refused',
  'attended',
  'counter_referred',
  'closed',
] as const satisfies readonly ReferralStep[];
export const REFERRAL_STATUSES = ['sent', ...REFERRAL_STEPS] as const satisfies readonly ReferralStatus[];

/**
 * How long the receiving facility has to answer (accept or refuse) before the referral is overdue,
 * by urgency. An emergency is answered while the ambulance is on its way; a priority case within
 * three days; a routine one within a month. Defaults of this installation (docs/decisions/0008).
 */
export const ANSWER_WITHIN_HOURS: Record<ReferralUrgency, number> = { emergency: 2, priority: 72, routine: 720 };

/** Coded reasons for refusing a referral. Each one is a refusal of care and counts as such (DESIGN §3.1). */
export const REFUSAL_REASONS = [
  'no_beds',
  'service_unavailable',
  'equipment_out_of_order',
  'no_staff',
  'not_indicated',
  'incomplete_referral',
  'patient_did_not_arrive',
  'other',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** The statuses from which each step may be taken. */
const ALLOWED_FROM: Record<ReferralStep, readonly ReferralStatus[]> = {
  received: ['sent'],
  accepted: ['sent', 'received'],
  refused: ['sent', 'received'],
  attended: ['accepted'],
  counter_referred: ['attended'],
  closed: ['counter_referred'],
};

/** Statuses still waiting on the receiving facility's answer. */
export const UNANSWERED: readonly ReferralStatus[] = ['sent', 'received'];
/** Statuses of the receiving facility's queue: everything it still has to do. */
export const IN_QUEUE: readonly ReferralStatus[] = ['sent', 'received', 'accepted', 'attended'];

/** Which side takes a step: the receiving facility, except closing, which is the referring doctor's. */
export function actingSide(step: ReferralStep): 'receiving' | 'referring' {
  return step === 'closed' ? 'referring' : 'receiving';
}

/** Why the step cannot be taken from this status, or null when it can. */
export function stepProblem(status: ReferralStatus, step: ReferralStep): string | null {
  if (ALLOWED_FROM[step].includes(status)) return null;
  return `A referral that is ${status} cannot be ${step}; it can be ${ALLOWED_FROM[step].join(' or ')} first`;
}

/** The steps that may follow the status. */
export function nextSteps(status: ReferralStatus): ReferralStep[] {
  return REFERRAL_STEPS.filter((step) => ALLOWED_FROM[step].includes(status));
}

/** When the answer is due, by urgency. */
export function answerDueAt(sentAt: Date, urgency: ReferralUrgency): Date {
  return new Date(sentAt.getTime() + ANSWER_WITHIN_HOURS[urgency] * 3_600_000);
}

/** An unanswered referral past its answer deadline: it has expired and counts as care not given. */
export function isOverdue(referral: { status: ReferralStatus; answerDueAt: Date }, now: Date): boolean {
  return UNANSWERED.includes(referral.status) && now.getTime() > referral.answerDueAt.getTime();
}

/** Each step with the hours it waited since the step before it (the first, since the referral was sent). */
export function waitingTimes<E extends { at: Date }>(
  sentAt: Date,
  events: readonly E[],
): (E & { hoursWaited: number })[] {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  let previous = sentAt;
  return sorted.map((event) => {
    const hoursWaited = Math.round(((event.at.getTime() - previous.getTime()) / 3_600_000) * 10) / 10;
    previous = event.at;
    return { ...event, hoursWaited };
  });
}
