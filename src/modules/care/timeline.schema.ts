import { z } from 'zod';
import { encounterSchema } from './encounter.schema';
import { givenDoseSchema } from './immunization.schema';
import { referralSummarySchema } from '../referrals/referral.schema';
import { birthSchema, deathSchema, pregnancySchema } from './maternal.schema';
import { examSchema } from '../services/services.schema';

const at = (date: string) => z.string().describe(date);

export const timelineEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('born'),
    date: at('birth date'),
    estimated: z.boolean().describe('the birth date was worked out from an estimated age'),
    birth: birthSchema.nullable().describe('the birth record when the person was born under care'),
  }),
  z.object({ kind: z.literal('encounter'), date: at('local date of the encounter'), encounter: encounterSchema }),
  z.object({ kind: z.literal('immunization'), date: at('date given'), dose: givenDoseSchema }),
  z.object({ kind: z.literal('pregnancy'), date: at('last menstrual period'), pregnancy: pregnancySchema }),
  z.object({ kind: z.literal('birth'), date: at('date of the delivery'), birth: birthSchema }),
  z.object({ kind: z.literal('death'), date: at('date of death'), death: deathSchema }),
  z.object({
    kind: z.literal('referral'),
    date: at('local date the referral was sent'),
    referral: referralSummarySchema.describe('where it went and where it stands now'),
  }),
  z.object({
    kind: z.literal('exam'),
    date: at('local date the exam was ordered'),
    exam: examSchema.describe('where it was done, and its result once reported'),
  }),
]);
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const timelineSchema = z.object({
  personId: z.string(),
  events: z.array(timelineEventSchema).describe('oldest first'),
});
