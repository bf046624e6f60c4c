import { z } from 'zod';
import { householdSummarySchema } from './household.schema';

export const censusQuery = z.object({
  sectorId: z.uuid().optional(),
  q: z.string().trim().max(100).optional().describe("address or a member's name contains every word"),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type CensusQuery = z.infer<typeof censusQuery>;

export const censusOverviewSchema = z.object({
  post: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    kind: z.string(),
    parishCode: z.string(),
    parishName: z.string(),
  }),
  sectors: z.array(z.object({ id: z.string(), name: z.string() })).describe("sectors of the post's parish"),
  households: z.number().int().describe('households with at least one living member'),
  householdsNotSurveyed: z
    .number()
    .int()
    .describe('of those, households whose living conditions nobody has surveyed yet'),
  families: z.number().int().describe('families with at least one living member'),
  persons: z.number().int().describe('living persons, merged records left out'),
  target: z.object({
    families: z.number().int(),
    source: z.enum(['facility', 'planning_rule']).describe("the post's own target, or 300 from the 250–300 rule"),
  }),
  coveragePercent: z.number().describe('families registered as a percentage of the target'),
  personsByGroup: z.object({
    I: z.number().int(),
    II: z.number().int(),
    III: z.number().int(),
    IV: z.number().int(),
    unclassified: z.number().int(),
  }),
  classificationsDue: z
    .number()
    .int()
    .describe('living persons never classified or last classified a year ago or more'),
  householdPage: z.object({
    items: z.array(householdSummarySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
});
export type CensusOverview = z.infer<typeof censusOverviewSchema>;
