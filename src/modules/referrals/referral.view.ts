import type { z } from 'zod';
import { isOverdue, waitingTimes } from './referral.rules';
import type { ReferralEventRow, ReferralListRow } from './referral.repository';
import type { referralEventSchema, referralSummarySchema } from './referral.schema';

export type ReferralSummary = z.infer<typeof referralSummarySchema>;
export type ReferralEventView = z.infer<typeof referralEventSchema>;

/** A referral row with its names, as the API shows it. */
export function toReferralSummary(row: ReferralListRow, now: Date): ReferralSummary {
  return {
    id: row.id,
    person: {
      id: row.person_id,
      name: `${row.first_names} ${row.last_names}`,
      sex: row.sex,
      birthDate: row.birth_date,
    },
    from: { id: row.from_facility_id, name: row.from_name, kind: row.from_kind, tier: row.from_tier },
    to: { id: row.to_facility_id, name: row.to_name, kind: row.to_kind, tier: row.to_tier },
    referredBy: row.referred_by_name ?? row.referred_by,
    serviceCode: row.service_code,
    serviceName: row.service_name,
    reason: row.reason,
    icd10: { code: row.icd10_code, title: row.icd10_title },
    urgency: row.urgency,
    sentAt: row.sent_at.toISOString(),
    answerDueAt: row.answer_due_at.toISOString(),
    status: row.status,
    statusAt: row.status_at.toISOString(),
    overdue: isOverdue({ status: row.status, answerDueAt: row.answer_due_at }, now),
  };
}

/** The steps of a referral with how long each waited. */
export function toEventViews(
  sentAt: Date,
  events: (ReferralEventRow & { by_name: string | null })[],
): ReferralEventView[] {
  return waitingTimes(sentAt, events).map((e) => ({
    step: e.step,
    at: e.at.toISOString(),
    by: e.by_name ?? e.by_user,
    hoursWaited: e.hoursWaited,
    refusalReason: e.refusal_reason,
    notes: e.notes,
    findings: e.findings,
    treatment: e.treatment,
    recommendations: e.recommendations,
  }));
}
