import { z } from 'zod';
import { icd10Code, isoDate, sexSchema } from '../care/care.schema';
import { BIRTH_OUTCOMES } from '../care/maternal.rules';
import {
  DELIVERY_MODES,
  DISCHARGE_OUTCOMES,
  EMERGENCY_OUTCOMES,
  REHAB_DISCHARGES,
  SURGERY_KINDS,
  UNITS,
} from './services.rules';

const text = (what: string, max: number) =>
  z.string().trim().min(1, `Write the ${what}`).max(max, `The ${what} is at most ${max} characters`);
const instant = z.iso
  .datetime({ offset: true, message: 'Use a date and time such as 2026-03-01T09:30:00-04:00' })
  .nullish()
  .describe('when it happened; now when left out');

export const facilityIdParams = z.object({ facilityId: z.uuid('Not a facility id') });
export const recordIdParams = z.object({ id: z.uuid('Not a record id') });
const personId = z.uuid('Choose the patient');
const referralId = z.uuid().nullish().describe('the referral this care answers');

// Exams

export const orderExamBody = z.object({
  personId,
  examCode: z.string().min(1, 'Choose the exam'),
  indication: text('indication', 1000),
  referralId,
});
export type OrderExamInput = z.infer<typeof orderExamBody>;

export const postExamOrderBody = z.object({
  facilityId: z.uuid('Choose where the exam is done'),
  examCode: z.string().min(1, 'Choose the exam'),
  indication: text('indication', 1000),
});
export type PostExamOrderInput = z.infer<typeof postExamOrderBody>;
export const examDestinationListSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), examCodes: z.array(z.string()) })),
});

export const examResultBody = z.object({
  result: text('result', 4000),
  abnormal: z.boolean().default(false),
});
export type ExamResultInput = z.infer<typeof examResultBody>;

export const examSchema = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), name: z.string() }),
  facility: z.object({ id: z.string(), name: z.string() }),
  orderingFacility: z.object({ id: z.string(), name: z.string() }),
  referralId: z.string().nullable(),
  examCode: z.string(),
  examName: z.string(),
  indication: z.string(),
  orderedAt: z.string(),
  orderedBy: z.string(),
  result: z
    .object({ text: z.string(), abnormal: z.boolean(), reportedAt: z.string(), reportedBy: z.string() })
    .nullable(),
});
export const examListSchema = z.object({ items: z.array(examSchema) });
export const examListQuery = z.object({
  pending: z.enum(['true', 'false']).default('false').describe('only exams still waiting for their result'),
  referralId: z.uuid().optional(),
  personId: z.uuid().optional(),
});

// Emergencies, admissions, surgeries, deliveries

export const emergencyBody = z.object({
  personId,
  referralId,
  arrivedAt: instant,
  triageLevel: z.number().int().min(1, 'Triage goes from 1 (resuscitation) to 5').max(5, 'Triage goes from 1 to 5'),
  complaint: text('chief complaint', 1000),
  lifeSupport: z.boolean().describe('apoyo vital given'),
  outcome: z.enum(EMERGENCY_OUTCOMES),
});
export type EmergencyInput = z.infer<typeof emergencyBody>;

export const emergencySchema = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), name: z.string() }),
  referralId: z.string().nullable(),
  arrivedAt: z.string(),
  triageLevel: z.number(),
  complaint: z.string(),
  lifeSupport: z.boolean(),
  outcome: z.enum(EMERGENCY_OUTCOMES),
  lifeSaved: z.boolean().describe('by the definition of docs/decisions/0008-referrals.md'),
});
export const emergencyListSchema = z.object({ items: z.array(emergencySchema) });

export const admitBody = z.object({
  personId,
  referralId,
  emergencyId: z.uuid().nullish(),
  unit: z.enum(UNITS),
  reason: text('reason for admission', 1000),
  lifeSupport: z.boolean().default(false),
  admittedAt: instant,
});
export type AdmitInput = z.infer<typeof admitBody>;

export const transferBody = z.object({ toUnit: z.enum(UNITS), at: instant });
export const dischargeBody = z.object({ outcome: z.enum(DISCHARGE_OUTCOMES), dischargedAt: instant });
export type DischargeInput = z.infer<typeof dischargeBody>;

export const admissionSchema = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), name: z.string() }),
  facility: z.object({ id: z.string(), name: z.string() }),
  referralId: z.string().nullable(),
  unit: z.enum(UNITS),
  reason: z.string(),
  lifeSupport: z.boolean(),
  admittedAt: z.string(),
  dischargedAt: z.string().nullable(),
  dischargeOutcome: z.enum(DISCHARGE_OUTCOMES).nullable(),
});
export const admissionListSchema = z.object({ items: z.array(admissionSchema) });
export const admissionListQuery = z.object({ referralId: z.uuid().optional(), personId: z.uuid().optional() });

export const bedBoardSchema = z.object({
  facilityId: z.string(),
  units: z.array(
    z.object({
      unit: z.enum(UNITS),
      beds: z.number(),
      occupied: z.number(),
      free: z.number(),
      occupancy: z.number().describe('occupied / beds'),
      patients: z.array(admissionSchema.extend({ days: z.number() })),
    }),
  ),
});

export const surgeryBody = z.object({
  personId,
  admissionId: z.uuid().nullish(),
  kind: z.enum(SURGERY_KINDS),
  procedure: text('procedure', 500),
  performedAt: instant,
});
const newbornBody = z
  .object({
    outcome: z.enum(BIRTH_OUTCOMES),
    weightG: z
      .number()
      .int()
      .min(200, 'A birth weight is at least 200 g')
      .max(7000, 'A birth weight is at most 7000 g')
      .nullish(),
    sex: sexSchema.nullish().describe('required for a live birth'),
    child: z
      .object({ firstNames: text('given names', 120), lastNames: text('family names', 120) })
      .nullish()
      .describe("required for a live birth: the child is registered in the mother's household"),
  })
  .refine((b) => b.outcome !== 'live' || !!b.sex, { message: 'Give the sex of the child', path: ['sex'] })
  .refine((b) => b.outcome !== 'live' || !!b.child, { message: 'Give the child’s names', path: ['child'] });

export const deliveryBody = z
  .object({
    pregnancyId: z.uuid('Choose the pregnancy'),
    birthId: z.uuid().nullish().describe("the birth already recorded at the mother's post"),
    newborn: newbornBody.nullish().describe("the birth, recorded now on the mother's primary-care record"),
    mode: z.enum(DELIVERY_MODES),
    deliveredAt: instant,
  })
  .refine((d) => !!d.birthId !== !!d.newborn, {
    message: 'Record the newborn, or link the birth already recorded — one of the two',
    path: ['newborn'],
  });
export type DeliveryInput = z.infer<typeof deliveryBody>;

export const deliverySchema = z.object({
  id: z.string(),
  mother: z.object({ id: z.string(), name: z.string() }),
  mode: z.enum(DELIVERY_MODES),
  deliveredAt: z.string(),
  birth: z
    .object({
      outcome: z.enum(BIRTH_OUTCOMES),
      weightG: z.number().nullable(),
      sex: z.enum(['F', 'M']).nullable(),
      child: z.object({ id: z.string(), name: z.string() }).nullable(),
    })
    .nullable(),
});
export type DeliveryView = z.infer<typeof deliverySchema>;
export const deliveryListSchema = z.object({ items: z.array(deliverySchema) });
export const pregnancyInCareListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      person: z.object({ id: z.string(), name: z.string() }),
      expectedDelivery: z.string(),
      risk: z.enum(['low', 'high']),
    }),
  ),
});

export const createdSchema = z.object({ id: z.string() });
export const surgerySchema = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), name: z.string() }),
  admissionId: z.string().nullable(),
  kind: z.enum(SURGERY_KINDS),
  procedure: z.string(),
  performedAt: z.string(),
});
export const surgeryListSchema = z.object({ items: z.array(surgerySchema) });

// Rehabilitation

export const rehabPlanBody = z.object({
  personId,
  referralId,
  diagnosisIcd10: icd10Code,
  modalities: z.array(z.string()).min(1, 'Choose at least one modality').max(12),
  sessionsPlanned: z.number().int().min(1, 'Plan at least one session').max(200),
});
export type RehabPlanInput = z.infer<typeof rehabPlanBody>;
export const rehabSessionBody = z.object({
  modality: z.string().min(1, 'Choose the modality'),
  sessionOn: isoDate,
  attended: z.boolean(),
});
export const rehabDischargeBody = z.object({ outcome: z.enum(REHAB_DISCHARGES), dischargedOn: isoDate });

export const rehabPlanSchema = z.object({
  id: z.string(),
  person: z.object({ id: z.string(), name: z.string() }),
  referralId: z.string().nullable(),
  diagnosis: z.object({ code: z.string(), title: z.string() }),
  modalities: z.array(z.string()),
  sessionsPlanned: z.number(),
  startedOn: z.string(),
  dischargedOn: z.string().nullable(),
  dischargeOutcome: z.enum(REHAB_DISCHARGES).nullable(),
  sessions: z.array(z.object({ modality: z.string(), sessionOn: z.string(), attended: z.boolean() })),
  attended: z.number(),
  missed: z.number(),
});
export const rehabPlanListSchema = z.object({ items: z.array(rehabPlanSchema) });
