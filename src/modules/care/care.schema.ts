import { z } from 'zod';

/** Contracts shared by every care endpoint. */

export const isoDate = z.iso.date('Use a date as YYYY-MM-DD');
export const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const personIdParams = z.object({ id: z.uuid('Not a person id') });
export const recordIdParams = z.object({ id: z.uuid('Not a record id') });

/** A CIE-10 code as people type it: "j00", " E11.9 " → "J00", "E11.9". */
export const icd10Code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]\d{2}(\.\d{1,2})?$/, 'Write a CIE-10 code such as J00 or E11.9');

export const sexSchema = z.enum(['F', 'M']);

/** Who recorded a fact: the user's id and display name. */
export const recordedBySchema = z.object({ id: z.string(), name: z.string() });
