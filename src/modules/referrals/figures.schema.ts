import { z } from 'zod';
import { isoDate } from '../care/care.schema';

export const figuresQuery = z.object({
  territory: z
    .string()
    .regex(/^VE(-[A-Z0-9]+)*$/, 'Give a territory code such as VE, VE-A or VE-A-01')
    .default('VE'),
  from: isoDate.optional().describe('first day (default: a year before today)'),
  to: isoDate.optional().describe('last day (default: today)'),
});

const referralCounts = z.object({
  sent: z.number(),
  received: z.number(),
  refused: z.number(),
  expired: z.number().describe('not answered by the deadline of its urgency'),
  refusalsOfCare: z.number().describe('refused plus expired: care not given'),
  completed: z.number().describe('counter-referred or closed'),
  medianDaysToAttention: z.number().nullable(),
});

export const figuresSchema = z.object({
  territory: z.object({ code: z.string(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  referrals: referralCounts.extend({
    byTier: z.array(referralCounts.extend({ tier: z.number() })),
    byTerritory: z.array(referralCounts.extend({ code: z.string(), name: z.string() })),
    refusedByReason: z.array(z.object({ reason: z.string(), count: z.number() })),
  }),
  beds: z.array(
    z.object({ unit: z.enum(['ward', 'icu']), beds: z.number(), occupied: z.number(), occupancy: z.number() }),
  ),
  emergencies: z.object({ attentions: z.number(), lifeSupport: z.number(), livesSaved: z.number(), died: z.number() }),
  surgeries: z.array(z.object({ kind: z.string(), count: z.number() })),
  deliveries: z.array(z.object({ mode: z.string(), count: z.number() })),
  exams: z.array(z.object({ code: z.string(), name: z.string(), ordered: z.number(), reported: z.number() })),
  rehabSessions: z.array(
    z.object({ modality: z.string(), name: z.string(), attended: z.number(), missed: z.number() }),
  ),
});
export type Figures = z.infer<typeof figuresSchema>;
