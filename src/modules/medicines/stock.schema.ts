import { z } from 'zod';
import { isoDate, optionalText } from '../care/care.schema';
import {
  ADJUSTMENT_REASONS,
  COUNT_REASONS,
  DISPENSE_REASONS,
  NOT_DELIVERED_REASONS,
  TRANSFER_LOSS_REASONS,
} from './stock.rules';

/** Contracts of the medicines module, shared by routes and web. */

const quantity = z
  .number({ error: 'Write a number of units' })
  .int('The quantity is a whole number of units')
  .min(1, 'The quantity must be at least 1')
  .max(1_000_000, 'The quantity is at most 1,000,000');
const text = (what: string, max: number) =>
  z.string().trim().min(1, `Write the ${what}`).max(max, `The ${what} is at most ${max} characters`);
const medicineCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^MED-\d{3}$/, 'Choose a medicine of the module');

export const facilityIdParams = z.object({ facilityId: z.uuid('Not a facility id') });
export const idParams = z.object({ id: z.uuid('Not a record id') });

export const medicineSchema = z.object({
  code: z.string(),
  atc: z.string(),
  nameEs: z.string(),
  nameEn: z.string(),
  form: z.string(),
  strength: z.string(),
  unit: z.string(),
  group: z.string(),
  chronic: z.boolean(),
  label: z.string().describe('how a prescription names it: name and strength'),
});

export const lotSchema = z.object({
  id: z.uuid(),
  lot: z.string(),
  expiresOn: z.string(),
  onHand: z.number(),
  expired: z.boolean(),
  expiresSoon: z.boolean(),
});

export const stockItemSchema = z.object({
  medicine: medicineSchema,
  onHand: z.number().describe('usable units: lots not expired'),
  expiredOnHand: z.number().describe('units of expired lots still on the shelf, to be written off'),
  monthsOfStock: z.number().nullable(),
  lots: z.array(lotSchema),
});

export const stockSchema = z.object({
  facility: z.object({ id: z.uuid(), name: z.string(), kind: z.string(), status: z.string() }),
  today: z.string(),
  figures: z.object({
    moduleItems: z.number(),
    itemsInStock: z.number(),
    inStockPercent: z.number(),
    itemsHeldButOut: z.number().describe('medicines the facility has held that are now at zero'),
    lotsExpiringSoon: z.number().describe('lots with stock expiring within 90 days'),
  }),
  items: z.array(stockItemSchema),
});

export const receiptBody = z.object({
  facilityId: z.uuid('Choose the facility'),
  sourceKind: z.enum(['supplier', 'warehouse']),
  sourceName: text('supplier or warehouse', 200),
  documentNumber: text('document number', 60),
  receivedOn: isoDate,
  lines: z
    .array(
      z.object({
        medicineCode,
        lot: text('lot', 40),
        expiresOn: isoDate,
        quantity,
      }),
    )
    .min(1, 'Add at least one medicine')
    .max(100),
});
export type ReceiptInput = z.infer<typeof receiptBody>;

export const movementSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  medicineCode: z.string(),
  lotId: z.uuid(),
  quantity: z.number(),
  balanceAfter: z.number(),
  reason: z.string().nullable(),
  occurredOn: z.string(),
});
export const movementsSchema = z.object({ movements: z.array(movementSchema) });

export const adjustmentBody = z.object({
  lotId: z.uuid('Choose the lot'),
  reason: z.enum(ADJUSTMENT_REASONS),
  quantity,
  note: optionalText(500),
});
export type AdjustmentInput = z.infer<typeof adjustmentBody>;

export const dispenseBody = z.object({
  lines: z
    .array(z.object({ lotId: z.uuid('Choose the lot'), quantity }))
    .max(10)
    .default([])
    .describe('units taken from each lot; empty to decline'),
  reason: z.enum(DISPENSE_REASONS).nullish().describe('required unless dispensed in full'),
  note: optionalText(500),
});
export type DispenseInput = z.infer<typeof dispenseBody>;

export const dispensingSchema = z.object({
  id: z.uuid(),
  prescriptionId: z.uuid().nullable(),
  outcome: z.enum(['full', 'partial', 'declined']),
  requestedQuantity: z.number(),
  dispensedQuantity: z.number(),
  reason: z.string().nullable(),
  medicineCode: z.string().nullable(),
});

export const queueItemSchema = z.object({
  prescriptionId: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  facilityName: z.string(),
  prescribedAt: z.string(),
  medicine: z.string(),
  dose: z.string(),
  frequency: z.string(),
  quantity: z.number(),
  medicineCode: z.string().nullable().describe('the module item the prescription names, if any'),
  onHand: z.number(),
  proposal: z.array(z.object({ lotId: z.uuid(), lot: z.string(), expiresOn: z.string(), quantity: z.number() })),
});
export const queueSchema = z.object({ items: z.array(queueItemSchema) });

export const transferBody = z.object({
  fromFacilityId: z.uuid('Choose the facility sending'),
  toFacilityId: z.uuid('Choose the facility receiving'),
  lotId: z.uuid('Choose the lot'),
  quantity,
  documentNumber: text('document number', 60),
});
export type TransferInput = z.infer<typeof transferBody>;
export const transferLossBody = z.object({ reason: z.enum(TRANSFER_LOSS_REASONS) });

export const transferSchema = z.object({
  id: z.uuid(),
  fromFacilityId: z.uuid(),
  fromName: z.string(),
  toFacilityId: z.uuid(),
  toName: z.string(),
  medicineCode: z.string(),
  medicineName: z.string(),
  lot: z.string(),
  expiresOn: z.string(),
  quantity: z.number(),
  documentNumber: z.string(),
  status: z.enum(['in_transit', 'received', 'lost']),
  sentAt: z.string(),
  settledAt: z.string().nullable(),
  lostReason: z.string().nullable(),
});
export const transfersSchema = z.object({ transfers: z.array(transferSchema) });

export const countBody = z.object({
  facilityId: z.uuid('Choose the facility'),
  countedOn: isoDate,
  approvedBy: z.uuid('Choose who approved the differences').nullish(),
  note: optionalText(500),
  lines: z
    .array(
      z.object({
        lotId: z.uuid('Choose the lot'),
        counted: z.number().int('Count whole units').min(0, 'A count cannot be negative').max(1_000_000),
        reason: z.enum(COUNT_REASONS).nullish(),
        note: optionalText(300),
      }),
    )
    .min(1, 'Count at least one lot')
    .max(2000),
});
export type CountInput = z.infer<typeof countBody>;

export const countSchema = z.object({
  id: z.uuid(),
  facilityId: z.uuid(),
  countedOn: z.string(),
  lots: z.number(),
  differences: z.array(
    z.object({
      lotId: z.uuid(),
      medicineCode: z.string(),
      expected: z.number(),
      counted: z.number(),
      reason: z.string(),
    }),
  ),
});

export const approverSchema = z.object({ approvers: z.array(z.object({ id: z.uuid(), name: z.string() })) });

export const differenceQuery = z.object({
  territory: z
    .string()
    .regex(/^VE(-[A-Z0-9]+)*$/, 'Not a territory code')
    .optional(),
  facilityId: z.uuid().optional(),
  from: isoDate,
  to: isoDate,
});

export const differenceSchema = z.object({
  from: z.string(),
  to: z.string(),
  totals: z.object({ lines: z.number(), unitsMissing: z.number(), unitsFound: z.number() }),
  rows: z.array(
    z.object({
      movementId: z.uuid(),
      facilityId: z.uuid(),
      facilityName: z.string(),
      occurredOn: z.string(),
      kind: z.enum(['count', 'adjustment']),
      medicineCode: z.string(),
      medicineName: z.string(),
      lot: z.string(),
      expected: z.number().nullable(),
      counted: z.number().nullable(),
      difference: z.number(),
      reason: z.string().nullable(),
      note: z.string().nullable(),
      recordedBy: z.string(),
      approvedBy: z.string().nullable(),
    }),
  ),
});

export const availabilitySchema = z.object({
  facilityId: z.uuid(),
  places: z.array(z.object({ id: z.uuid(), name: z.string(), kind: z.string() })),
  items: z.array(
    z.object({
      code: z.string(),
      nameEs: z.string(),
      strength: z.string(),
      label: z.string(),
      onHand: z.array(z.number()).describe('units per place, in order'),
    }),
  ),
});

export const territoryFiguresQuery = z.object({
  territory: z.string().regex(/^VE(-[A-Z0-9]+)*$/, 'Not a territory code'),
  on: isoDate.optional(),
  days: z.coerce.number().int().min(1).max(366).default(30),
});

export const facilityFiguresSchema = z.object({
  facilityId: z.uuid(),
  name: z.string(),
  kind: z.string(),
  parishCode: z.string(),
  itemsHeld: z.number(),
  itemsInStock: z.number(),
  inStockPercent: z.number(),
  stockOutDays: z.number().describe('days at zero over the period, summed over the items the facility holds'),
  medianMonthsOfStock: z.number().nullable(),
  lotsExpiringSoon: z.number(),
  prescribed: z.number(),
  dispensed: z.number(),
  partial: z.number(),
  declined: z.number(),
});
export const territoryFiguresSchema = z.object({
  territory: z.string(),
  on: z.string(),
  from: z.string(),
  facilities: z.array(facilityFiguresSchema),
  totals: z
    .object({
      facilities: z.number(),
      itemsInStockShare: z.number().describe('share of held items in stock, over all facilities, %'),
      stockOutDays: z.number(),
      lotsExpiringSoon: z.number(),
      prescribed: z.number(),
      dispensed: z.number(),
      partial: z.number(),
      declined: z.number(),
    })
    .describe('the territory as a whole'),
  outOfStock: z.array(z.object({ code: z.string(), label: z.string(), facilities: z.number() })),
});

export const preparePackagesBody = z.object({
  postId: z.uuid('Choose the post'),
  quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'Write a quarter such as 2026-Q4'),
  suppliedByFacilityId: z.uuid('Choose the facility whose stock supplies the packages'),
});
export const packageSchema = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  address: z.string().nullable().describe('null when unknown'),
  quarter: z.string(),
  status: z.enum(['prepared', 'delivered', 'not_delivered']),
  items: z.array(z.object({ medicineCode: z.string(), quantity: z.number(), personId: z.string(), need: z.string() })),
  notDeliveredReason: z.string().nullable(),
  settledAt: z.string().nullable(),
});
export const packagesSchema = z.object({ packages: z.array(packageSchema) });
export const packageOutcomeBody = z.object({
  delivered: z.boolean(),
  reason: z.enum(NOT_DELIVERED_REASONS).nullish().describe('required when not delivered'),
});
export const packageListQuery = z.object({ postId: z.uuid(), quarter: z.string().regex(/^\d{4}-Q[1-4]$/) });
