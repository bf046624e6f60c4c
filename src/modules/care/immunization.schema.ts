import { z } from 'zod';
import { isoDate, recordedBySchema } from './care.schema';

export const recordDoseBody = z.object({
  id: z.uuid().optional().describe('UUIDv7 made on the device; sending the same id again returns the same record'),
  vaccineCode: z.string().trim().toUpperCase().min(1, 'Choose the vaccine').max(20),
  doseNumber: z.number().int('The dose number is a whole number').min(1).max(10),
  givenOn: isoDate.describe('not in the future'),
  lot: z.string().trim().min(1, 'Write the lot number').max(40),
});
export type RecordDoseInput = z.infer<typeof recordDoseBody>;

export const voidDoseBody = z.object({
  kind: z.literal('entered_in_error'),
  reason: z.string().trim().min(3, 'Say why the dose was entered in error').max(500),
});

export const givenDoseSchema = z.object({
  id: z.string(),
  vaccineCode: z.string(),
  vaccineName: z.string(),
  doseNumber: z.number().int(),
  doseLabel: z.string(),
  givenOn: z.string(),
  lot: z.string(),
  givenBy: recordedBySchema,
  recordedAt: z.string(),
  status: z.enum(['current', 'entered_in_error']),
  enteredInError: z
    .object({ id: z.string(), reason: z.string().nullable(), recordedBy: recordedBySchema, recordedAt: z.string() })
    .nullable(),
});
export type GivenDoseView = z.infer<typeof givenDoseSchema>;

export const pendingDoseSchema = z.object({
  vaccineCode: z.string(),
  vaccineName: z.string(),
  doseNumber: z.number().int(),
  label: z.string(),
  earliestOn: z.string().describe('the earliest it can be given'),
  dueOn: z.string().describe('when it falls due'),
  overdueOn: z.string().describe('from when it is overdue'),
  lastOn: z.string().nullable().describe('the last day it can still be given'),
  status: z.enum(['upcoming', 'due', 'overdue']),
});

export const immunizationCardSchema = z.object({
  personId: z.string(),
  today: z.string(),
  given: z.array(givenDoseSchema).describe('doses given, oldest first'),
  enteredInError: z.array(givenDoseSchema).describe('doses recorded then marked entered in error'),
  due: z.array(pendingDoseSchema),
  overdue: z.array(pendingDoseSchema),
  upcoming: z.array(pendingDoseSchema).describe('the next dose of each series, not yet due'),
});
export type ImmunizationCard = z.infer<typeof immunizationCardSchema>;
