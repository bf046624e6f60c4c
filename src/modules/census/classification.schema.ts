import { z } from 'zod';
import { DISABILITIES, DISPENSARY_GROUPS, RISK_FACTORS } from './classification.rules';
import { isoDate } from './person.schema';

const uniqueList = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .default([])
    .refine((list) => new Set(list).size === list.length, 'List each item once');

export const classifyBody = z.object({
  group: z
    .literal(DISPENSARY_GROUPS)
    .describe('dispensary group: 1 healthy, 2 at risk, 3 ill, 4 disability or sequelae'),
  classifiedOn: isoDate.optional().describe('today when absent'),
  riskFactors: uniqueList(z.enum(RISK_FACTORS), RISK_FACTORS.length),
  chronicConditions: uniqueList(z.string().trim().toUpperCase().min(3).max(8), 30).describe(
    'CIE-10 codes, e.g. I10, E11.9',
  ),
  disabilities: uniqueList(z.enum(DISABILITIES), DISABILITIES.length),
  notes: z.string().trim().max(1000).nullable().default(null),
});
export type ClassifyInput = z.infer<typeof classifyBody>;

export const classificationSchema = z.object({
  id: z.string(),
  personId: z.string(),
  facilityId: z.string(),
  group: z.number().int().min(1).max(4),
  groupLabel: z.enum(['I', 'II', 'III', 'IV']),
  classifiedOn: z.string(),
  classifiedBy: z.string().describe('display name of who classified'),
  riskFactors: z.array(z.enum(RISK_FACTORS)),
  chronicConditions: z.array(z.object({ code: z.string(), title: z.string() })),
  disabilities: z.array(z.enum(DISABILITIES)),
  notes: z.string().nullable(),
  recordedAt: z.string(),
});
export type Classification = z.infer<typeof classificationSchema>;

export const dispensarizationSchema = z.object({
  current: classificationSchema.nullable(),
  history: z.array(classificationSchema).describe('newest first, the current one included'),
  nextClassificationDue: z.string().describe('a year after the last classification; today when never classified'),
  overdue: z.boolean(),
});
export type Dispensarization = z.infer<typeof dispensarizationSchema>;
