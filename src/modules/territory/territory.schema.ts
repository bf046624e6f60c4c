import { z } from 'zod';

export const territoryLevelSchema = z.enum(['nation', 'state', 'municipality', 'parish']);

export const facilityCountsSchema = z.object({
  total: z.number().int(),
  byTier: z.record(z.string(), z.number().int()).describe('tier (1–4) → count'),
  byStatus: z.record(z.string(), z.number().int()).describe('status → count'),
  byTierAndStatus: z.array(z.object({ tier: z.number().int(), status: z.string(), count: z.number().int() })),
});
export type FacilityCounts = z.infer<typeof facilityCountsSchema>;

export const territoryRefSchema = z.object({ code: z.string(), name: z.string(), level: territoryLevelSchema });

export const territoryNodeSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: territoryLevelSchema,
  population2011: z.number().int().nullable().describe('INE 2011 census; known for states and the nation'),
  lineage: z.array(territoryRefSchema).describe('from the nation down to this territory'),
  facilities: facilityCountsSchema,
  children: z.array(territoryRefSchema.extend({ facilities: facilityCountsSchema })),
  sectors: z.array(z.object({ id: z.string(), name: z.string() })),
  asics: z.array(
    z.object({ id: z.string(), code: z.string(), name: z.string(), population: z.number().int().nullable() }),
  ),
});
export type TerritoryNode = z.infer<typeof territoryNodeSchema>;

export const territoryCodeParams = z.object({ code: z.string().min(2).max(20) });

export const territorySearchQuery = z.object({
  q: z.string().trim().min(2, 'Type at least 2 letters').max(100),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  level: z.enum(['state', 'municipality', 'parish']).optional().describe('only territories of this level'),
});
export type TerritorySearchQuery = z.infer<typeof territorySearchQuery>;

export const territoryMatchSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: territoryLevelSchema,
  parentName: z.string().nullable(),
});

export const createSectorBody = z.object({
  parishCode: z.string().min(1),
  name: z.string().trim().min(2).max(120),
});

export const sectorSchema = z.object({ id: z.string(), parishCode: z.string(), name: z.string() });

export const createAsicBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Z0-9-]{3,32}$/, 'Use 3–32 capital letters, digits or hyphens'),
  name: z.string().trim().min(2).max(160),
  territoryCode: z.string().min(1).describe('the municipality or parish the ASIC lies in'),
  population: z.number().int().min(0).max(10_000_000).nullable().default(null),
});

export const asicSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  territoryCode: z.string(),
  population: z.number().int().nullable(),
});
