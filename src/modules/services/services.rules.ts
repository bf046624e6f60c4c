import type { DischargeOutcome, Unit } from '../../db/schema.referrals';

/**
 * Tier II–IV rules, pure: the exam catalog by kind of centre (DESIGN §1), what counts as a life
 * saved, and when a unit is full.
 */

/** Exams of the catalog: what a CDI and a CAT perform. A hospital performs those it has installed. */
export const CDI_EXAMS = [
  'CLINICAL_LABORATORY',
  'XRAY',
  'ULTRASOUND',
  'ELECTROCARDIOGRAPHY',
  'ENDOSCOPY',
  'SUMA_SCREENING',
] as const;
export const CAT_EXAMS = [
  'MRI',
  'CT',
  'MAMMOGRAPHY',
  'BONE_DENSITOMETRY',
  'ECHOCARDIOGRAPHY',
  'VIDEO_ENDOSCOPY',
  'SPECIALISED_LABORATORY',
] as const;
export const EXAM_CODES: ReadonlySet<string> = new Set([...CDI_EXAMS, ...CAT_EXAMS]);
const CDI_EXAM_CODES: ReadonlySet<string> = new Set(CDI_EXAMS);

interface ExamPlace {
  kind: string;
  status: string;
  services: readonly string[];
  asicId: string | null;
  stateCode: string;
}

/**
 * Why a post may not send its patient to this facility for this exam, or null. The post's own
 * network does the work (DESIGN §1): a CDI exam at a facility of the post's ASIC, a high-technology
 * exam at a CAT of the post's state; the facility must be operating and perform the exam.
 */
export function examDestinationProblem(
  examCode: string,
  post: { asicId: string | null; stateCode: string },
  facility: ExamPlace,
): {
  code: 'NOT_AN_EXAM' | 'FACILITY_NOT_OPERATING' | 'SERVICE_NOT_OFFERED' | 'EXAM_OUTSIDE_NETWORK';
  field: string;
  message: string;
} | null {
  if (!EXAM_CODES.has(examCode))
    return { code: 'NOT_AN_EXAM', field: 'examCode', message: `${examCode} is not an exam of the catalog` };
  if (facility.status !== 'operating')
    return { code: 'FACILITY_NOT_OPERATING', field: 'facilityId', message: 'The facility is not operating' };
  if (!facility.services.includes(examCode))
    return { code: 'SERVICE_NOT_OFFERED', field: 'examCode', message: `The facility does not perform ${examCode}` };
  const inNetwork = CDI_EXAM_CODES.has(examCode)
    ? post.asicId !== null && facility.asicId === post.asicId
    : facility.kind === 'cat' && facility.stateCode === post.stateCode;
  if (!inNetwork) {
    const where = CDI_EXAM_CODES.has(examCode) ? "the post's ASIC" : "a CAT of the post's state";
    return { code: 'EXAM_OUTSIDE_NETWORK', field: 'facilityId', message: `${examCode} is done at ${where}` };
  }
  return null;
}

export const UNITS = ['ward', 'icu'] as const satisfies readonly Unit[];
export const DISCHARGE_OUTCOMES = [
  'recovered',
  'improved',
  'transferred',
  'referred',
  'died',
  'voluntary',
] as const satisfies readonly DischargeOutcome[];
export const EMERGENCY_OUTCOMES = ['discharged', 'admitted', 'referred', 'died'] as const;
export const SURGERY_KINDS = ['major_emergency', 'major_elective', 'minor'] as const;
export const DELIVERY_MODES = ['vaginal', 'cesarean'] as const;
export const REHAB_DISCHARGES = ['goals_met', 'improved', 'abandoned', 'referred'] as const;

/** The service a unit needs installed: a ward the internal-medicine ward, the ICU intensive care. */
export const UNIT_SERVICE: Record<Unit, string> = { ward: 'INTERNAL_MEDICINE_WARD', icu: 'INTENSIVE_CARE' };

/** Hospitals of tiers III–IV: their wards are those of their specialties, not only internal medicine. */
const HOSPITAL_KINDS: ReadonlySet<string> = new Set(['hospital', 'national_hospital']);

/**
 * Whether the facility has the unit: intensive care when installed; a ward when the internal
 * medicine ward is installed, or — at a hospital, whose wards are its specialties' (a national
 * children's cardiology hospital has no internal medicine) — when it has ward beds.
 */
export function hasUnit(facility: { kind: string; services: readonly string[]; beds_ward: number }, unit: Unit) {
  if (facility.services.includes(UNIT_SERVICE[unit])) return true;
  return unit === 'ward' && HOSPITAL_KINDS.has(facility.kind) && facility.beds_ward > 0;
}

/** Beds of a unit, from the facility's record. */
export function bedsOf(facility: { beds_ward: number; beds_icu: number }, unit: Unit): number {
  return unit === 'ward' ? facility.beds_ward : facility.beds_icu;
}

/** Why a patient cannot be admitted to a unit with this many beds and patients, or null. */
export function unitFullProblem(unit: Unit, beds: number, occupied: number): string | null {
  if (occupied < beds) return null;
  return `All ${beds} beds of the ${unit === 'icu' ? 'intensive care unit' : 'ward'} are occupied`;
}

/** Occupancy as a share of beds, 0 when there are none. */
export function occupancy(beds: number, occupied: number): number {
  return beds === 0 ? 0 : Math.round((occupied / beds) * 1000) / 1000;
}

/**
 * A life saved, by definition (docs/decisions/0008-referrals.md): life support (apoyo vital) was
 * given and the patient left alive. For an emergency attention: it ended other than in death, and
 * when it ended in an admission, that admission ended in a discharge other than death (a patient
 * still admitted is not counted yet). An admission with life support not coming from an emergency
 * counts on its own, once discharged alive. It is computed from these facts, never typed in.
 */
export function isLifeSaved(attention: {
  lifeSupport: boolean;
  outcome: 'discharged' | 'admitted' | 'referred' | 'died';
  admission: { dischargeOutcome: DischargeOutcome | null } | null;
}): boolean {
  if (!attention.lifeSupport || attention.outcome === 'died') return false;
  if (attention.outcome !== 'admitted') return true;
  const outcome = attention.admission?.dischargeOutcome ?? null;
  return outcome !== null && outcome !== 'died';
}
