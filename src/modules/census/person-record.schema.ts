import { z } from 'zod';
import { dispensarizationSchema } from './classification.schema';
import { livingConditionsSchema, overcrowdingSchema } from './household.schema';
import { personSummarySchema } from './person.schema';

export const readLogEntrySchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  at: z.string(),
});

export const readLogSchema = z.object({
  items: z.array(readLogEntrySchema).describe('newest first'),
  total: z.number().int(),
});

export const personRecordSchema = personSummarySchema.extend({
  facilityName: z.string(),
  mergedInto: z.string().nullable().describe('set when this record was merged into another; open that one'),
  mergedFrom: z.array(z.string()).describe('records merged into this one'),
  household: livingConditionsSchema.extend({
    id: z.string(),
    address: z.string().nullable().describe('null when unknown'),
    parishCode: z.string().nullable().describe('null when unknown'),
    parishName: z.string().nullable(),
    sectorId: z.string().nullable(),
    sectorName: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    overcrowding: overcrowdingSchema.nullable(),
  }),
  family: z.object({ id: z.string(), name: z.string() }).nullable(),
  dispensarization: dispensarizationSchema,
  possibleDuplicates: z
    .array(
      z.object({
        id: z.string(),
        reason: z.string(),
        detectedAt: z.string(),
        other: z.object({
          id: z.string(),
          firstNames: z.string(),
          lastNames: z.string(),
          birthDate: z.string(),
          nationalId: z.string().nullable(),
        }),
      }),
    )
    .describe('open flags naming this person'),
  moves: z
    .array(
      z.object({
        id: z.string(),
        fromHouseholdId: z.string(),
        fromAddress: z.string().nullable(),
        toHouseholdId: z.string(),
        toAddress: z.string().nullable(),
        movedOn: z.string(),
        recordedBy: z.string(),
        recordedAt: z.string(),
      }),
    )
    .describe('newest first'),
  readLog: readLogSchema
    .nullable()
    .describe("who opened this record and when; null unless the caller may audit reads at the person's post"),
});
export type PersonRecord = z.infer<typeof personRecordSchema>;
