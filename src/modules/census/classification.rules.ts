/**
 * Dispensarization: every person of a post is placed in one of four groups and reviewed at least
 * once a year (Programa del Médico y Enfermera de la Familia, the model Barrio Adentro follows).
 */
export const DISPENSARY_GROUPS = [1, 2, 3, 4] as const;
export type DispensaryGroup = (typeof DISPENSARY_GROUPS)[number];

export const GROUP_LABELS: Record<DispensaryGroup, 'I' | 'II' | 'III' | 'IV'> = { 1: 'I', 2: 'II', 3: 'III', 4: 'IV' };

/** Risk factors that place a person in group II when no disease is present. */
export const RISK_FACTORS = [
  'smoking',
  'alcohol_misuse',
  'drug_use',
  'physical_inactivity',
  'overweight',
  'obesity',
  'undernutrition',
  'elevated_blood_pressure',
  'elevated_glucose',
  'dyslipidemia',
  'unsafe_sexual_behaviour',
  'adolescent_pregnancy_risk',
  'occupational_exposure',
  'family_history_cardiovascular',
  'family_history_diabetes',
  'family_history_cancer',
] as const;
export type RiskFactor = (typeof RISK_FACTORS)[number];

/** Kinds of disability, as counted by the national disability census (Misión José Gregorio Hernández). */
export const DISABILITIES = ['physical_motor', 'visual', 'hearing', 'speech', 'intellectual', 'psychosocial'] as const;
export type Disability = (typeof DISABILITIES)[number];

export interface ClassificationFindings {
  riskFactors: readonly string[];
  chronicConditions: readonly string[];
  disabilities: readonly string[];
}

/**
 * Why the group does not fit the findings, naming the field to fix, or null when it fits.
 * I: nothing recorded. II: at least one risk factor. III: at least one chronic condition.
 * IV: a disability, or a condition left as a sequela (coded in CIE-10).
 */
export function classificationProblem(
  group: DispensaryGroup,
  findings: ClassificationFindings,
): { field: keyof ClassificationFindings; message: string } | null {
  const { riskFactors, chronicConditions, disabilities } = findings;
  if (group === 1) {
    const listed = (['riskFactors', 'chronicConditions', 'disabilities'] as const).find((f) => findings[f].length > 0);
    return listed ? { field: listed, message: 'A person in group I (healthy) has nothing recorded here' } : null;
  }
  if (group === 2 && riskFactors.length === 0) {
    return { field: 'riskFactors', message: 'Group II (at risk) needs at least one risk factor' };
  }
  if (group === 3 && chronicConditions.length === 0) {
    return { field: 'chronicConditions', message: 'Group III (ill) needs at least one condition' };
  }
  if (group === 4 && disabilities.length === 0 && chronicConditions.length === 0) {
    return { field: 'disabilities', message: 'Group IV needs a disability or a condition left as a sequela' };
  }
  return null;
}

/** Re-classification is due one year after the last one; today when the person was never classified. */
export function nextClassificationDue(lastClassifiedOn: string | null, today: string): string {
  if (lastClassifiedOn === null) return today;
  const [y, m, d] = lastClassifiedOn.split('-').map(Number) as [number, number, number];
  // 29 February classified: due on 28 February of the next year, not 1 March
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y + 1).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isClassificationOverdue(due: string, today: string): boolean {
  return due < today;
}
