import { z } from 'zod';
import { SEXES } from './person.rules';

export const duplicateIdParams = z.object({ id: z.uuid('Not a possible-duplicate id') });

export const listDuplicatesQuery = z.object({
  status: z.enum(['open', 'merged', 'dismissed']).default('open'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListDuplicatesQuery = z.infer<typeof listDuplicatesQuery>;

export const mergeDuplicateBody = z.object({
  keepPersonId: z.uuid().describe('the record to keep: one of the pair; the other is merged into it'),
});

const pairMemberSchema = z.object({
  id: z.string(),
  firstNames: z.string(),
  lastNames: z.string(),
  sex: z.enum(SEXES),
  birthDate: z.string(),
  nationalId: z.string().nullable(),
  householdId: z.string(),
  address: z.string().nullable().describe('null when unknown, or when the person is held by another facility'),
  mergedInto: z.string().nullable(),
});

export const duplicateFlagSchema = z.object({
  id: z.string(),
  reason: z.enum(['same_name_and_birth_date', 'similar_name_and_birth_date']),
  status: z.enum(['open', 'merged', 'dismissed']),
  detectedAt: z.string(),
  resolvedBy: z.string().nullable().describe('display name of who resolved it'),
  resolvedAt: z.string().nullable(),
  person: pairMemberSchema.describe('the person registered later'),
  candidate: pairMemberSchema.describe('the person registered earlier'),
});
export type DuplicateFlag = z.infer<typeof duplicateFlagSchema>;

export const duplicatePageSchema = z.object({
  items: z.array(duplicateFlagSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
