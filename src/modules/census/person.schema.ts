import { z } from 'zod';
import { normalizeNationalId, RELATIONSHIPS, SEXES } from './person.rules';

export const isoDate = z.iso.date('Use a date as YYYY-MM-DD');
export const name = (what: string) =>
  z.string().trim().min(1, `Write the ${what}`).max(100, `The ${what} are at most 100 letters`);

export const nationalIdInput = z
  .string()
  .trim()
  .max(20)
  .refine((value) => value === '' || normalizeNationalId(value) !== null, 'Write the national id as V-12345678 or E-…')
  .nullish()
  .describe('cédula: V-12345678 or E-12345678; dots and spaces are ignored; leave out when there is none');

/** A person as the census form sends them. */
export const newPersonFields = {
  firstNames: name('given names'),
  lastNames: name('family names'),
  sex: z.enum(SEXES),
  birthDate: isoDate.describe('not in the future, not before 1900'),
  nationalId: nationalIdInput,
  relationship: z.enum(RELATIONSHIPS).describe('relationship to the head of the household'),
};

export const addMemberBody = z.object({
  ...newPersonFields,
  familyId: z.uuid().optional().describe("one of the household's families; its first family when absent"),
});
export type AddMemberInput = z.infer<typeof addMemberBody>;

export const movePersonBody = z.object({
  toHouseholdId: z.uuid(),
  familyId: z.uuid().optional().describe('a family of the new household; its first family when absent'),
  relationship: z.enum(RELATIONSHIPS).describe('relationship to the head of the new household'),
  movedOn: isoDate.optional().describe('today when absent'),
});
export type MovePersonInput = z.infer<typeof movePersonBody>;

export const personIdParams = z.object({ id: z.uuid('Not a person id') });

export const personSummarySchema = z.object({
  id: z.string(),
  householdId: z.string(),
  familyId: z.string().nullable(),
  facilityId: z.string(),
  firstNames: z.string(),
  lastNames: z.string(),
  sex: z.enum(SEXES),
  birthDate: z.string(),
  birthDateEstimated: z.boolean().describe('the birth date was worked out from an estimated age'),
  age: z.number().int(),
  nationalId: z.string().nullable(),
  relationship: z.enum(RELATIONSHIPS),
  vitalStatus: z.enum(['alive', 'dead']),
  diedOn: z.string().nullable(),
  possibleDuplicate: z.boolean().describe('an open possible-duplicate flag names this person'),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export const searchPersonsQuery = z.object({
  q: z.string().trim().max(100).optional().describe('name contains every word, ignoring accents and case'),
  facilityId: z.uuid().optional().describe("one of the caller's posts; all of them when absent"),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchPersonsQuery = z.infer<typeof searchPersonsQuery>;

export const personPageSchema = z.object({
  items: z.array(personSummarySchema.extend({ address: z.string().nullable() })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
