import { z } from 'zod';

const base = {
  personId: z.string().nullable().describe('the person the form opens on'),
  householdId: z.string(),
  name: z.string().describe("the person's name, or the household's address"),
  dueOn: z.string().describe('since when it is due'),
};

export const worklistItemSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('prenatal_control_due'),
    ...base,
    detail: z.object({
      pregnancyId: z.string().describe('opens the prenatal control form'),
      gestationalWeeks: z.number().describe('today'),
      lastControlOn: z.string().nullable(),
      risk: z.enum(['low', 'high']),
      expectedDelivery: z.string(),
    }),
  }),
  z.object({
    kind: z.enum(['vaccine_due', 'vaccine_overdue']),
    ...base,
    detail: z.object({
      vaccineCode: z.string().describe('with doseNumber, fills the dose form'),
      vaccineName: z.string(),
      doseNumber: z.number(),
      doseLabel: z.string(),
      earliestOn: z.string(),
      overdueOn: z.string(),
      lastOn: z.string().nullable(),
    }),
  }),
  z.object({
    kind: z.literal('group_iii_not_seen'),
    ...base,
    detail: z.object({
      lastSeenOn: z.string().nullable().describe('null: not seen in the last 13 months'),
      classifiedOn: z.string(),
      chronicConditions: z.array(z.string()),
    }),
  }),
  z.object({
    kind: z.enum(['household_not_visited', 'household_not_surveyed']),
    ...base,
    detail: z.object({ address: z.string().nullable(), members: z.number() }),
  }),
  z.object({
    kind: z.enum(['counter_referral_received', 'referral_refused', 'referral_overdue']),
    ...base,
    detail: z.object({
      referralId: z.string().describe('opens the referral'),
      facilityName: z.string().describe('where the patient was referred'),
      serviceCode: z.string(),
      serviceName: z.string(),
      urgency: z.string(),
    }),
  }),
  z.object({
    kind: z.literal('exam_result_to_read'),
    ...base,
    detail: z.object({
      examId: z.string(),
      examCode: z.string(),
      examName: z.string(),
      facilityName: z.string().describe('where the exam was done'),
      abnormal: z.boolean(),
    }),
  }),
  z.object({
    kind: z.literal('classification_overdue'),
    ...base,
    detail: z.object({ lastClassifiedOn: z.string().nullable(), group: z.number().nullable() }),
  }),
]);

export const WORKLIST_KINDS = [
  'exam_result_to_read',
  'counter_referral_received',
  'referral_refused',
  'referral_overdue',
  'prenatal_control_due',
  'vaccine_due',
  'vaccine_overdue',
  'group_iii_not_seen',
  'household_not_visited',
  'household_not_surveyed',
  'classification_overdue',
] as const;

export const worklistQuery = z.object({
  kind: z.enum(WORKLIST_KINDS).optional().describe('only items of this kind'),
});

export const worklistSchema = z.object({
  facilityId: z.string(),
  today: z.string(),
  counts: z.record(z.enum(WORKLIST_KINDS), z.number()).describe('items of each kind, before the kind filter'),
  items: z.array(worklistItemSchema).describe('longest-waiting first'),
});
