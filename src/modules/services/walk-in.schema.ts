import { z } from 'zod';
import { isoDate, name, nationalIdInput, personSummarySchema } from '../census/person.schema';
import { SEXES } from '../census/person.rules';

export const walkInQuery = z.object({ q: z.string().max(120).describe('a national id, or part of the name') });

/** What tells a person apart, and nothing of their record: what an emergency room sees of people it may attend. */
export const walkInSchema = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.enum(SEXES),
  birthDate: z.string(),
  nationalId: z.string().nullable(),
  postName: z.string().describe('the post whose census holds the person (or the centre, for a walk-in it registered)'),
});
export type WalkIn = z.infer<typeof walkInSchema>;

export const walkInListSchema = z.object({ items: z.array(walkInSchema) });

/** The age the oldest person alive could have, for an estimate. */
const OLDEST_AGE = 120;

export const registerWalkInBody = z
  .object({
    firstNames: name('given names'),
    lastNames: name('family names'),
    sex: z.enum(SEXES),
    birthDate: isoDate.nullish().describe('when known: not in the future, not before 1900'),
    estimatedAgeYears: z
      .number()
      .int('The age is a whole number of years')
      .min(0)
      .max(OLDEST_AGE)
      .nullish()
      .describe(
        'when the birth date is unknown: the age the person seems to have; the birth date is estimated from it',
      ),
    nationalId: nationalIdInput,
    parishCode: z
      .string()
      .trim()
      .max(20)
      .nullish()
      .describe('the parish where the person lives, when known (e.g. VE-A-01-22)'),
    address: z.string().trim().max(300).nullish().describe('where the person lives, in their words, when known'),
  })
  .superRefine((body, ctx) => {
    const given = [body.birthDate, body.estimatedAgeYears].filter((v) => v !== undefined && v !== null).length;
    if (given !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['birthDate'],
        message: 'Give the birth date, or, when it is unknown, the estimated age (not both)',
      });
    }
  });
export type RegisterWalkInInput = z.infer<typeof registerWalkInBody>;

export const registeredWalkInSchema = z.object({
  person: personSummarySchema.describe('the person, registered in a household of the centre not surveyed yet'),
  possibleDuplicates: z
    .array(walkInSchema)
    .describe('people the centre serves who may be the same person: flagged for the registrar, never merged'),
});
export type RegisteredWalkIn = z.infer<typeof registeredWalkInSchema>;
