import { z } from 'zod';
import { icd10Code } from '../care/care.schema';
import { REFERRAL_STATUSES, REFERRAL_STEPS, REFUSAL_REASONS, URGENCIES } from './referral.rules';

const text = (what: string, max: number) =>
  z.string().trim().min(1, `Write the ${what}`).max(max, `The ${what} is at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const sendReferralBody = z.object({
  toFacilityId: z.uuid('Choose the facility to refer to'),
  serviceCode: z.string().min(1, 'Choose the service').describe('a service of the catalog installed there'),
  reason: text('reason for the referral', 1000),
  icd10Code: icd10Code.describe('the diagnosis or presumptive diagnosis'),
  urgency: z.enum(URGENCIES),
  encounterId: z.uuid().nullish().describe('the consultation the referral comes from'),
});
export type SendReferralInput = z.infer<typeof sendReferralBody>;

export const stepBody = z.discriminatedUnion('step', [
  z.object({ step: z.literal('received'), notes: optionalText(1000) }),
  z.object({ step: z.literal('accepted'), notes: optionalText(1000) }),
  z.object({
    step: z.literal('refused'),
    refusalReason: z.enum(REFUSAL_REASONS, 'Choose why the referral is refused'),
    notes: optionalText(1000),
  }),
  z.object({ step: z.literal('attended'), notes: optionalText(1000) }),
  z.object({
    step: z.literal('counter_referred'),
    findings: text('findings', 4000),
    treatment: optionalText(4000),
    recommendations: optionalText(4000),
  }),
  z.object({ step: z.literal('closed'), notes: optionalText(1000) }),
]);
export type StepInput = z.infer<typeof stepBody>;

const facilityRef = z.object({ id: z.string(), name: z.string(), kind: z.string(), tier: z.number() });

export const referralSummarySchema = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), name: z.string(), sex: z.string(), birthDate: z.string() }),
  from: facilityRef,
  to: facilityRef,
  referredBy: z.string().describe("the referring professional's name"),
  serviceCode: z.string(),
  serviceName: z.string(),
  reason: z.string(),
  icd10: z.object({ code: z.string(), title: z.string() }),
  urgency: z.enum(URGENCIES),
  sentAt: z.string(),
  answerDueAt: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  statusAt: z.string(),
  overdue: z.boolean().describe('unanswered past its deadline: expired, a refusal of care'),
});

export const referralEventSchema = z.object({
  step: z.enum(REFERRAL_STEPS),
  at: z.string(),
  by: z.string(),
  hoursWaited: z.number().describe('since the step before (or since it was sent)'),
  refusalReason: z.string().nullable(),
  notes: z.string().nullable(),
  findings: z.string().nullable(),
  treatment: z.string().nullable(),
  recommendations: z.string().nullable(),
});

export const referralDetailSchema = referralSummarySchema.extend({
  events: z.array(referralEventSchema),
  nextSteps: z.array(z.enum(REFERRAL_STEPS)).describe('steps the caller may take now'),
  side: z.enum(['referring', 'receiving']).describe("the caller's side of the referral"),
});

export const referralListSchema = z.object({ items: z.array(referralSummarySchema) });

export const referralListQuery = z.object({
  scope: z.enum(['open', 'all']).default('open').describe('open: still waiting on someone; all: the latest 200'),
});

export const facilityIdParams = z.object({ facilityId: z.uuid('Not a facility id') });
export const referralIdParams = z.object({ id: z.uuid('Not a referral id') });
