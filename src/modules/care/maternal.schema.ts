import { z } from 'zod';
import { DEATH_PLACES } from './death.rules';
import { icd10Code, isoDate, optionalText, recordedBySchema, sexSchema } from './care.schema';
import { BIRTH_OUTCOMES, BIRTH_PLACES, EARLY_ENDINGS, PREGNANCY_RISKS } from './maternal.rules';

const names = (what: string) =>
  z.string().trim().min(1, `Write the ${what}`).max(100, `The ${what} are at most 100 letters`);

export const registerPregnancyBody = z.object({
  lastMenstrualPeriod: isoDate.describe('first day of the last menstrual period; the expected date follows from it'),
  risk: z.enum(PREGNANCY_RISKS),
  riskFactors: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
});
export type RegisterPregnancyInput = z.infer<typeof registerPregnancyBody>;

export const prenatalControlBody = z.object({
  controlOn: isoDate.describe('not in the future'),
  gestationalWeeks: z.number().int().min(1).max(45).describe('must agree with the LMP within 2 weeks'),
  systolic: z.number().int().nullish(),
  diastolic: z.number().int().nullish(),
  weightKg: z.number().nullish(),
  fundalHeightCm: z.number().nullish(),
  fetalHeartRate: z.number().int().nullish(),
  notes: optionalText(2000),
});
export type PrenatalControlInput = z.infer<typeof prenatalControlBody>;

export const birthBody = z
  .object({
    bornOn: isoDate.describe('not in the future'),
    outcome: z.enum(BIRTH_OUTCOMES),
    weightG: z.number().int().min(200).max(7000).nullish(),
    sex: sexSchema.nullish().describe('required for a live birth'),
    place: z.enum(BIRTH_PLACES),
    child: z
      .object({ firstNames: names('given names'), lastNames: names('family names') })
      .nullish()
      .describe('required for a live birth: the child is registered in the mother’s household'),
  })
  .refine((b) => b.outcome !== 'live' || !!b.sex, { message: 'Give the sex of the child', path: ['sex'] })
  .refine((b) => b.outcome !== 'live' || !!b.child, { message: 'Give the child’s names', path: ['child'] });
export type BirthInput = z.infer<typeof birthBody>;

export const endPregnancyBody = z.object({
  endedOn: isoDate,
  outcome: z.enum(EARLY_ENDINGS),
});

export const deathBody = z.object({
  diedOn: isoDate.describe('not in the future'),
  place: z.enum(DEATH_PLACES),
  causeIcd10: icd10Code.describe('underlying cause of death'),
});
export type DeathInput = z.infer<typeof deathBody>;

export const prenatalControlSchema = z.object({
  id: z.string(),
  controlOn: z.string(),
  gestationalWeeks: z.number(),
  systolic: z.number().nullable(),
  diastolic: z.number().nullable(),
  weightKg: z.number().nullable(),
  fundalHeightCm: z.number().nullable(),
  fetalHeartRate: z.number().nullable(),
  notes: z.string().nullable(),
  recordedBy: recordedBySchema,
  recordedAt: z.string(),
});

export const birthSchema = z.object({
  id: z.string(),
  pregnancyId: z.string().nullable(),
  motherId: z.string(),
  childId: z.string().nullable().describe('the newborn’s person record, for a live birth'),
  bornOn: z.string(),
  outcome: z.enum(BIRTH_OUTCOMES),
  weightG: z.number().nullable(),
  sex: sexSchema.nullable(),
  place: z.string(),
  recordedBy: recordedBySchema,
  recordedAt: z.string(),
});

export const pregnancySchema = z.object({
  id: z.string(),
  personId: z.string(),
  lastMenstrualPeriod: z.string(),
  expectedDelivery: z.string().describe("Naegele's rule"),
  gestationalWeeks: z.number().describe('today while ongoing; at the end once ended'),
  risk: z.enum(PREGNANCY_RISKS),
  riskFactors: z.array(z.string()),
  registeredOn: z.string(),
  registeredBy: recordedBySchema,
  endedOn: z.string().nullable(),
  outcome: z.enum(['live_birth', 'stillbirth', 'abortion', 'ectopic', 'maternal_death']).nullable(),
  nextControlDueOn: z.string().nullable().describe('null once ended'),
  controls: z.array(prenatalControlSchema),
  births: z.array(birthSchema),
});
export type PregnancyView = z.infer<typeof pregnancySchema>;

export const deathSchema = z.object({
  id: z.string(),
  personId: z.string(),
  diedOn: z.string(),
  place: z.string(),
  cause: z.object({ code: z.string(), title: z.string() }),
  infant: z.boolean().describe('died before the first birthday'),
  maternal: z.boolean().describe('a maternal death by the WHO definition'),
  recordedBy: recordedBySchema,
  recordedAt: z.string(),
});
export type DeathView = z.infer<typeof deathSchema>;

export const birthResultSchema = z.object({ birth: birthSchema, pregnancy: pregnancySchema });
