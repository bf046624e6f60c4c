import { z } from 'zod';
import { FACILITY_KINDS, FACILITY_STATUSES, INITIAL_STATUSES } from './facility.rules';

const isoDate = z.iso.date('Use a date as YYYY-MM-DD');
const facilityCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,31}$/, 'Use 3–32 capital letters, digits or hyphens');
const beds = z.number().int('Beds are a whole number').min(0, 'Beds cannot be negative').max(5000);
const catchment = z.number().int().min(0, 'Cannot be negative').max(10_000_000).nullable();
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);

export const facilityKindSchema = z.enum(FACILITY_KINDS);
export const facilityStatusSchema = z.enum(FACILITY_STATUSES);

export const registerFacilityBody = z.object({
  code: facilityCode,
  name: z.string().trim().min(3, 'Give the facility a name of at least 3 letters').max(160),
  kind: facilityKindSchema,
  stateCode: z.string().optional(),
  municipalityCode: z.string().optional(),
  parishCode: z.string().min(1, 'Choose the parish'),
  sectorId: z.uuid().nullable().default(null),
  asicId: z.uuid().nullable().default(null),
  address: optionalText(300),
  phone: optionalText(40),
  services: z.array(z.string()).max(100).default([]),
  bedsWard: beds.default(0),
  bedsIcu: beds.default(0),
  targetFamilies: catchment.default(null),
  targetPopulation: catchment.default(null),
  status: z.enum(INITIAL_STATUSES).default('planned'),
  statusDate: isoDate.optional().describe('when the facility reached its status; today when absent'),
  reason: z.string().trim().max(500).optional(),
});
export type RegisterFacilityInput = z.infer<typeof registerFacilityBody>;

export const amendFacilityBody = z
  .object({
    name: z.string().trim().min(3).max(160),
    sectorId: z.uuid().nullable(),
    asicId: z.uuid().nullable(),
    address: z.string().trim().max(300).nullable(),
    phone: z.string().trim().max(40).nullable(),
    services: z.array(z.string()).max(100),
    bedsWard: beds,
    bedsIcu: beds,
    targetFamilies: catchment,
    targetPopulation: catchment,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change');
export type AmendFacilityInput = z.infer<typeof amendFacilityBody>;

export const changeStatusBody = z.object({
  status: facilityStatusSchema,
  effectiveOn: isoDate.optional().describe('today when absent'),
  reason: z.string().trim().min(3, 'Say why the status changes').max(500),
});

export const facilityIdParams = z.object({ id: z.uuid('Not a facility id') });

export const listFacilitiesQuery = z.object({
  territory: z.string().max(20).optional().describe('state, municipality or parish code'),
  tier: z.coerce.number().int().min(1).max(4).optional(),
  kind: facilityKindSchema.optional(),
  status: facilityStatusSchema.optional(),
  asic: z.uuid().optional(),
  q: z.string().trim().max(100).optional().describe('name or code contains, ignoring accents'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListFacilitiesQuery = z.infer<typeof listFacilitiesQuery>;

export const facilitySummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: facilityKindSchema,
  tier: z.number().int(),
  status: facilityStatusSchema,
  statusSince: z.string(),
  stateCode: z.string(),
  municipalityCode: z.string(),
  parishCode: z.string(),
  parishName: z.string(),
  municipalityName: z.string(),
  stateName: z.string(),
  bedsWard: z.number().int(),
  bedsIcu: z.number().int(),
});
export type FacilitySummary = z.infer<typeof facilitySummarySchema>;

export const facilityPageSchema = z.object({
  items: z.array(facilitySummarySchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const statusChangeSchema = z.object({
  id: z.string(),
  fromStatus: facilityStatusSchema.nullable(),
  toStatus: facilityStatusSchema,
  effectiveOn: z.string(),
  reason: z.string(),
  recordedBy: z.string().describe('display name of who recorded it'),
  recordedAt: z.string(),
});

export const facilityDetailSchema = facilitySummarySchema.extend({
  sectorId: z.string().nullable(),
  sectorName: z.string().nullable(),
  asicId: z.string().nullable(),
  asicName: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  services: z.array(z.object({ code: z.string(), nameEs: z.string(), nameEn: z.string(), area: z.string() })),
  targetFamilies: z.number().int().nullable(),
  targetPopulation: z.number().int().nullable(),
  allowedNextStatuses: z.array(facilityStatusSchema),
  statusHistory: z.array(statusChangeSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  canManage: z.boolean().describe('whether the current user may amend it and change its status'),
});
export type FacilityDetail = z.infer<typeof facilityDetailSchema>;

export const serviceCatalogSchema = z.array(
  z.object({ code: z.string(), nameEs: z.string(), nameEn: z.string(), area: z.string(), kinds: z.array(z.string()) }),
);
