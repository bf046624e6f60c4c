import { todayLocal } from '../../shared/time';

/** Encounters at the post, at home and in the community: pure rules, no I/O. */

export const SETTINGS = ['post', 'home_visit', 'community'] as const;
export type Setting = (typeof SETTINGS)[number];

export const OUTCOMES = ['resolved', 'follow_up', 'referred', 'died'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const AMENDMENT_KINDS = ['correction', 'entered_in_error'] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

export interface Vitals {
  systolic?: number | null | undefined;
  diastolic?: number | null | undefined;
  heartRate?: number | null | undefined;
  temperatureC?: number | null | undefined;
  weightKg?: number | null | undefined;
  heightCm?: number | null | undefined;
  glucoseMgDl?: number | null | undefined;
}

/**
 * The widest values a living person can show, for catching typing errors — not clinical alarm
 * thresholds, which lie far inside them. The limits take in newborns (a preterm baby of 0.4 kg
 * and 25 cm, a systolic of 40 mmHg, a heart rate near 300 in supraventricular tachycardia) and
 * the extremes a clinician meets: grade 3 hypertension starts at 180/110 mmHg (2018 ESC/ESH
 * Guidelines for the management of arterial hypertension) and readings above 250 mmHg are seen
 * in hypertensive emergencies; accidental hypothermia is severe below 28 °C (Swiss staging, stage
 * III) and heat stroke passes 40 °C; the hyperosmolar hyperglycaemic state runs above 600 mg/dL
 * (ADA consensus, Kitabchi et al., Diabetes Care 2009;32:1335) and glucose below 10 mg/dL is not
 * compatible with life. A value outside is refused as a typing error, naming the field.
 */
export const VITAL_LIMITS: Record<keyof Vitals, { min: number; max: number; unit: string }> = {
  systolic: { min: 40, max: 300, unit: 'mmHg' },
  diastolic: { min: 20, max: 200, unit: 'mmHg' },
  heartRate: { min: 20, max: 300, unit: '/min' },
  temperatureC: { min: 25, max: 45, unit: '°C' },
  weightKg: { min: 0.3, max: 400, unit: 'kg' },
  heightCm: { min: 20, max: 250, unit: 'cm' },
  glucoseMgDl: { min: 10, max: 1500, unit: 'mg/dL' },
};

/** A body-mass index outside this range means the weight or the height was mistyped. */
export const BMI_LIMITS = { min: 5, max: 150 };

export interface VitalProblem {
  field: string;
  message: string;
}

/**
 * The first implausible vital sign, as a field under `prefix` (e.g. `vitals.systolic`), or null.
 * Blood pressure is a pair: both numbers or neither, the systolic above the diastolic.
 */
export function vitalSignProblem(vitals: Vitals, prefix = 'vitals.'): VitalProblem | null {
  for (const key of Object.keys(VITAL_LIMITS) as (keyof Vitals)[]) {
    const value = vitals[key];
    if (value === null || value === undefined) continue;
    const { min, max, unit } = VITAL_LIMITS[key];
    if (value < min || value > max) {
      return { field: `${prefix}${key}`, message: `${value} ${unit} is not plausible; expected ${min}–${max} ${unit}` };
    }
  }
  const { systolic, diastolic } = vitals;
  const hasSystolic = systolic !== null && systolic !== undefined;
  const hasDiastolic = diastolic !== null && diastolic !== undefined;
  if (hasSystolic !== hasDiastolic) {
    const missing = hasSystolic ? 'diastolic' : 'systolic';
    return { field: `${prefix}${missing}`, message: 'Record blood pressure as both numbers, systolic and diastolic' };
  }
  if (hasSystolic && hasDiastolic && systolic <= diastolic) {
    return {
      field: `${prefix}systolic`,
      message: `The systolic pressure (${systolic}) must be higher than the diastolic (${diastolic})`,
    };
  }
  const bmi = bodyMassIndex(vitals.weightKg, vitals.heightCm);
  if (bmi !== null && (bmi < BMI_LIMITS.min || bmi > BMI_LIMITS.max)) {
    return {
      field: `${prefix}weightKg`,
      message: `A weight of ${vitals.weightKg} kg at ${vitals.heightCm} cm gives a body-mass index of ${bmi}; check both`,
    };
  }
  return null;
}

/** Body-mass index, kg/m², to one decimal; null unless both weight and height are known. */
export function bodyMassIndex(weightKg?: number | null, heightCm?: number | null): number | null {
  if (!weightKg || !heightCm) return null;
  const metres = heightCm / 100;
  return Math.round((weightKg / (metres * metres)) * 10) / 10;
}

export interface DiagnosisInput {
  code: string;
  primary?: boolean | undefined;
}

/**
 * Which diagnosis is primary: the one flagged, or the first when none is. Returns a problem when
 * two are flagged or a code repeats.
 */
export function primaryDiagnosis(
  diagnoses: readonly DiagnosisInput[],
): { index: number } | { problem: VitalProblem } | null {
  if (diagnoses.length === 0) return null;
  const seen = new Map<string, number>();
  for (const [i, d] of diagnoses.entries()) {
    if (seen.has(d.code)) {
      return {
        problem: { field: `diagnoses.${i}.code`, message: `${d.code} is already diagnosis ${seen.get(d.code)}` },
      };
    }
    seen.set(d.code, i);
  }
  const flagged = diagnoses.flatMap((d, i) => (d.primary ? [i] : []));
  if (flagged.length > 1) {
    return {
      problem: { field: `diagnoses.${flagged[1]}.primary`, message: 'Only one diagnosis can be the primary one' },
    };
  }
  return { index: flagged[0] ?? 0 };
}

export interface KnownCode {
  code: string;
  sex: 'F' | 'M' | null;
}

/**
 * The first diagnosis code that does not exist in the CIE-10 list, or that is restricted to the
 * other sex (ICD-10 Volume 2 marks such codes; a male cannot have an obstetric diagnosis).
 */
export function diagnosisCodeProblem(
  codes: readonly string[],
  known: readonly KnownCode[],
  personSex: 'F' | 'M',
): { index: number; kind: 'unknown' | 'other_sex'; code: string } | null {
  const byCode = new Map(known.map((k) => [k.code, k]));
  for (const [index, code] of codes.entries()) {
    const entry = byCode.get(code);
    if (!entry) return { index, kind: 'unknown', code };
    if (entry.sex && entry.sex !== personSex) return { index, kind: 'other_sex', code };
  }
  return null;
}

/**
 * Clock drift allowed on devices that record offline: an encounter stamped up to this far ahead of
 * the server's clock is accepted as "now".
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** Why the moment of an encounter cannot be right, or null. */
export function occurredAtProblem(occurredAt: Date, birthDate: string, now: Date): string | null {
  if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS) return 'The encounter cannot be in the future';
  if (todayLocal(occurredAt) < birthDate) return `The encounter cannot be before birth (${birthDate})`;
  return null;
}
