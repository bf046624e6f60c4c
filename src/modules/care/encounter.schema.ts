import { z } from 'zod';
import { icd10Code, isoDate, optionalText, recordedBySchema } from './care.schema';
import { AMENDMENT_KINDS, OUTCOMES, SETTINGS } from './encounter.rules';

const measure = (what: string) => z.number(`${what} is a number`).nullish();
const whole = (what: string) => z.number(`${what} is a number`).int(`${what} is a whole number`).nullish();

export const vitalsInput = z
  .object({
    systolic: whole('Systolic pressure').describe('mmHg'),
    diastolic: whole('Diastolic pressure').describe('mmHg'),
    heartRate: whole('Heart rate').describe('beats per minute'),
    temperatureC: measure('Temperature').describe('°C, one decimal'),
    weightKg: measure('Weight').describe('kg, two decimals'),
    heightCm: measure('Height').describe('cm, one decimal'),
    glucoseMgDl: whole('Glucose').describe('capillary or venous glucose, mg/dL'),
  })
  .default({});

const text = (what: string, max: number) =>
  z.string().trim().min(1, `Write the ${what}`).max(max, `The ${what} is at most ${max} characters`);

export const prescriptionInput = z.object({
  medicine: text('medicine', 200),
  dose: text('dose', 100).describe('e.g. "500 mg"'),
  frequency: text('frequency', 100).describe('e.g. "cada 8 horas"'),
  durationDays: z.number().int().min(1).max(365).nullish(),
  quantity: z.number().int('The quantity is a whole number').min(1).max(10_000),
});

/** An encounter as the consultation and home-visit forms send it. */
const encounterFields = z.object({
  setting: z.enum(SETTINGS),
  occurredAt: z.iso
    .datetime({ offset: true, message: 'Use a date and time such as 2026-03-01T09:30:00-04:00' })
    .describe('when it happened; not in the future'),
  reason: text('reason for the encounter', 500),
  vitals: vitalsInput,
  diagnoses: z
    .array(z.object({ code: icd10Code, primary: z.boolean().default(false) }))
    .max(12)
    .default([])
    .describe('CIE-10 codes; the first is primary unless another is flagged'),
  procedures: z.array(text('procedure', 200)).max(20).default([]),
  notes: optionalText(4000),
  prescriptions: z.array(prescriptionInput).max(20).default([]).describe('recorded only; dispensing is separate'),
  outcome: z.enum(OUTCOMES),
  followUpOn: isoDate.nullish().describe('required when the outcome is follow_up'),
});

const followUpDated = (body: { outcome: string; followUpOn?: string | null | undefined }) =>
  body.outcome !== 'follow_up' || !!body.followUpOn;
const followUpMissing = { message: 'Give the follow-up date', path: ['followUpOn'] };

export const encounterContent = encounterFields.refine(followUpDated, followUpMissing);
export type EncounterContent = z.infer<typeof encounterContent>;

export const recordEncounterBody = encounterFields
  .extend({
    id: z.uuid().optional().describe('UUIDv7 made on the device; sending the same id again returns the same record'),
  })
  .refine(followUpDated, followUpMissing);
export type RecordEncounterInput = z.infer<typeof recordEncounterBody>;

export const amendEncounterBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('correction'),
    reason: optionalText(500).describe('why it is corrected'),
    encounter: encounterContent.describe('the whole corrected encounter'),
  }),
  z.object({
    kind: z.literal('entered_in_error'),
    reason: text('reason it was entered in error', 500),
  }),
]);
export type AmendEncounterInput = z.infer<typeof amendEncounterBody>;

const nullableNumber = z.number().nullable();

export const encounterSchema = z.object({
  id: z.string(),
  personId: z.string(),
  facilityId: z.string(),
  setting: z.enum(SETTINGS),
  occurredAt: z.string(),
  reason: z.string(),
  vitals: z.object({
    systolic: nullableNumber,
    diastolic: nullableNumber,
    heartRate: nullableNumber,
    temperatureC: nullableNumber,
    weightKg: nullableNumber,
    heightCm: nullableNumber,
    bmi: nullableNumber.describe('computed from weight and height'),
    glucoseMgDl: nullableNumber,
  }),
  diagnoses: z.array(z.object({ code: z.string(), title: z.string(), primary: z.boolean() })),
  procedures: z.array(z.string()),
  notes: z.string().nullable(),
  prescriptions: z.array(
    z.object({
      id: z.string(),
      medicine: z.string(),
      dose: z.string(),
      frequency: z.string(),
      durationDays: z.number().nullable(),
      quantity: z.number(),
    }),
  ),
  outcome: z.enum(OUTCOMES),
  followUpOn: z.string().nullable(),
  recordedBy: recordedBySchema,
  recordedAt: z.string(),
  status: z
    .enum(['current', 'amended', 'entered_in_error'])
    .describe('amended: a correction replaced it; entered_in_error: it should not have been recorded'),
  amends: z
    .object({ id: z.string(), kind: z.enum(AMENDMENT_KINDS), reason: z.string().nullable() })
    .nullable()
    .describe('set on a correction: the encounter it replaces'),
  supersededBy: z
    .object({
      id: z.string(),
      kind: z.enum(AMENDMENT_KINDS),
      reason: z.string().nullable(),
      recordedBy: recordedBySchema,
      recordedAt: z.string(),
    })
    .nullable()
    .describe('the amendment that replaced or voided this encounter'),
});
export type EncounterView = z.infer<typeof encounterSchema>;

export const amendmentResultSchema = z.object({
  original: encounterSchema.describe('the encounter amended, now marked amended or entered in error'),
  correction: encounterSchema.nullable().describe('the corrected encounter; null for entered_in_error'),
});
