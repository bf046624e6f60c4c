import { z } from 'zod';
import {
  ELECTRICITY,
  FLOORS,
  missingConditions,
  SANITATION,
  VECTORS,
  WASTE_DISPOSAL,
  WATER_SOURCES,
} from './household.rules';
import { isoDate, newPersonFields, personSummarySchema } from './person.schema';

const livingConditionFields = {
  waterSource: z.enum(WATER_SOURCES),
  sanitation: z.enum(SANITATION),
  electricity: z.enum(ELECTRICITY),
  floor: z.enum(FLOORS),
  wasteDisposal: z.enum(WASTE_DISPOSAL),
  vectors: z
    .array(z.enum(VECTORS))
    .max(VECTORS.length)
    .refine((list) => new Set(list).size === list.length, 'List each vector once')
    .describe('disease vectors seen in or around the home'),
  rooms: z
    .number()
    .int('Rooms are a whole number')
    .min(1, 'A household has at least one room')
    .max(50)
    .describe('rooms used for sleeping; persons per room gives overcrowding'),
};

const placeFields = {
  address: z.string().trim().min(3, 'Write the address').max(300),
  sectorId: z.uuid().nullable().describe("a sector of the post's parish"),
  latitude: z.number().min(-90).max(90).nullable(),
  longitude: z.number().min(-180).max(180).nullable(),
};

const coordinatesTogether = (body: { latitude?: number | null; longitude?: number | null }) =>
  (body.latitude == null) === (body.longitude == null);

/** Names each condition a survey left out when it gave only some of them. */
function conditionsTogether(body: Parameters<typeof missingConditions>[0], ctx: z.RefinementCtx) {
  for (const field of missingConditions(body)) {
    ctx.addIssue({
      code: 'custom',
      path: [field],
      message: 'Survey every living condition, or leave them all for a later visit',
    });
  }
}

export const registerHouseholdBody = z
  .object({
    ...placeFields,
    sectorId: placeFields.sectorId.default(null),
    latitude: placeFields.latitude.default(null),
    longitude: placeFields.longitude.default(null),
    waterSource: livingConditionFields.waterSource.optional(),
    sanitation: livingConditionFields.sanitation.optional(),
    electricity: livingConditionFields.electricity.optional(),
    floor: livingConditionFields.floor.optional(),
    wasteDisposal: livingConditionFields.wasteDisposal.optional(),
    rooms: livingConditionFields.rooms.optional(),
    vectors: livingConditionFields.vectors.optional().describe('disease vectors seen; none when absent'),
    registeredOn: isoDate.optional().describe('today when absent'),
    families: z
      .array(z.object({ name: z.string().trim().min(1).max(120) }))
      .min(1)
      .max(10)
      .optional()
      .describe("the families sharing the home; one, named after the head's family names, when absent"),
    members: z
      .array(
        z.object({
          ...newPersonFields,
          familyIndex: z.number().int().min(0).default(0).describe('position of the family in `families`'),
        }),
      )
      .min(1, 'Register at least one member')
      .max(40)
      .refine(
        (members) => members.filter((m) => m.relationship === 'head').length === 1,
        'Exactly one member is the head of the household',
      ),
  })
  .refine(coordinatesTogether, { message: 'Give both latitude and longitude, or neither', path: ['longitude'] })
  .superRefine(conditionsTogether)
  .describe('the living conditions are given all together, or none: a household not surveyed yet');
export type RegisterHouseholdInput = z.infer<typeof registerHouseholdBody>;

export const amendHouseholdBody = z
  .object({ ...placeFields, ...livingConditionFields })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change')
  .refine(coordinatesTogether, { message: 'Give both latitude and longitude, or neither', path: ['longitude'] });
export type AmendHouseholdInput = z.infer<typeof amendHouseholdBody>;

export const addFamilyBody = z.object({ name: z.string().trim().min(1).max(120) });

export const householdIdParams = z.object({ id: z.uuid('Not a household id') });
export const postIdParams = z.object({ facilityId: z.uuid('Not a facility id') });

export const overcrowdingSchema = z.object({
  personsPerRoom: z.number(),
  critical: z.boolean().describe('more than 3 persons per room'),
});

export const livingConditionsSchema = z.object({
  conditionsSurveyed: z
    .boolean()
    .describe('false: nobody surveyed how the household lives yet, and every condition below is null'),
  waterSource: z.enum(WATER_SOURCES).nullable(),
  sanitation: z.enum(SANITATION).nullable(),
  electricity: z.enum(ELECTRICITY).nullable(),
  floor: z.enum(FLOORS).nullable(),
  wasteDisposal: z.enum(WASTE_DISPOSAL).nullable(),
  vectors: z.array(z.enum(VECTORS)).nullable(),
  rooms: z.number().int().nullable(),
});

export const familySchema = z.object({ id: z.string(), name: z.string(), members: z.number().int() });

export const householdDetailSchema = livingConditionsSchema.extend({
  id: z.string(),
  facilityId: z.string(),
  facilityName: z.string(),
  stateCode: z.string(),
  parishCode: z.string().nullable().describe('null when where the household lives is unknown'),
  sectorId: z.string().nullable(),
  sectorName: z.string().nullable(),
  address: z.string().nullable().describe('null when unknown'),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  overcrowding: overcrowdingSchema.nullable().describe('null when the rooms are not surveyed'),
  registeredOn: z.string(),
  registeredBy: z.string().describe('display name of who registered it'),
  createdAt: z.string(),
  updatedAt: z.string(),
  families: z.array(familySchema),
  members: z.array(personSummarySchema).describe('current members, the head first; merged records left out'),
});
export type HouseholdDetail = z.infer<typeof householdDetailSchema>;

export const householdSummarySchema = z.object({
  id: z.string(),
  address: z.string().nullable(),
  sectorId: z.string().nullable(),
  sectorName: z.string().nullable(),
  head: z.string().nullable().describe("the head's full name"),
  members: z.number().int(),
  families: z.number().int(),
  conditionsSurveyed: z.boolean(),
  rooms: z.number().int().nullable().describe('null when the conditions are not surveyed'),
  overcrowding: overcrowdingSchema.nullable().describe('null when the conditions are not surveyed'),
  registeredOn: z.string(),
});
export type HouseholdSummary = z.infer<typeof householdSummarySchema>;
