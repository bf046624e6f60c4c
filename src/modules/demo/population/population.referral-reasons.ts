/**
 * Why the demo population's family doctors refer people up the tiers, and what the receiving
 * facility does for them. Pure constants: each reason is a CIE-10 code with the words a doctor
 * writes, the facility and services it goes to (the first one the facility offers), its urgency,
 * who it fits, the care given, and the counter-referral that comes back. Weights are assumptions
 * chosen so that about half the referrals go to the ASIC's CDI, a fifth to its SRI, and the rest to
 * the state's CAT and main hospital.
 */
import type { ReferralUrgency } from '../../../db/schema.referrals';
import { pickWeighted, type Random } from '../demo.rules';

export type ReceivingKind = 'cdi' | 'sri' | 'cat' | 'hospital';
export type CareGiven = 'emergency' | 'admission' | 'exam' | 'rehab' | 'surgery' | 'consultation';

export interface ReferralReason {
  icd10: string;
  reason: string;
  to: ReceivingKind;
  services: readonly string[];
  urgency: ReferralUrgency;
  weight: number;
  minAge: number;
  sex?: 'F' | 'M';
  /** For a chronic patient's follow-up: the chronic condition the referral is about. */
  chronic?: string;
  care: CareGiven;
  exams?: readonly string[];
  surgery?: { kind: 'major_emergency' | 'major_elective' | 'minor'; procedure: string };
  counter: { findings: string; treatment: string; recommendations: string };
}

export const REFERRAL_REASONS: readonly ReferralReason[] = [
  {
    icd10: 'I20.0',
    reason: 'Dolor torácico opresivo con sudoración',
    to: 'cdi',
    services: ['EMERGENCY_ROOM'],
    urgency: 'emergency',
    weight: 6,
    minAge: 35,
    care: 'emergency',
    exams: ['ELECTROCARDIOGRAPHY', 'CLINICAL_LABORATORY'],
    counter: {
      findings: 'Angina inestable; EKG y troponina evaluados en el cuerpo de guardia',
      treatment: 'Ácido acetilsalicílico 100 mg diario; atorvastatina 20 mg',
      recommendations: 'Control en su consultorio en 7 días; ecocardiograma en el CAT',
    },
  },
  {
    icd10: 'J18.9',
    reason: 'Fiebre alta y dificultad respiratoria sin mejoría con tratamiento oral',
    to: 'cdi',
    services: ['INTERNAL_MEDICINE_WARD'],
    urgency: 'priority',
    weight: 6,
    minAge: 1,
    care: 'admission',
    exams: ['XRAY'],
    counter: {
      findings: 'Neumonía adquirida en la comunidad, tratada en sala',
      treatment: 'Antibiótico endovenoso y luego oral, completar 7 días',
      recommendations: 'Control radiológico en 6 semanas',
    },
  },
  {
    icd10: 'A09',
    reason: 'Diarrea con signos de deshidratación',
    to: 'cdi',
    services: ['EMERGENCY_ROOM'],
    urgency: 'emergency',
    weight: 5,
    minAge: 0,
    care: 'emergency',
    exams: ['CLINICAL_LABORATORY'],
    counter: {
      findings: 'Deshidratación moderada, rehidratada en el cuerpo de guardia',
      treatment: 'Sales de rehidratación oral',
      recommendations: 'Vigilar signos de alarma; control en 48 horas',
    },
  },
  {
    icd10: 'R10.4',
    reason: 'Dolor abdominal recurrente; descartar litiasis',
    to: 'cdi',
    services: ['ULTRASOUND'],
    urgency: 'routine',
    weight: 10,
    minAge: 12,
    care: 'exam',
    exams: ['ULTRASOUND'],
    counter: {
      findings: 'Ecografía abdominal informada',
      treatment: 'Según hallazgos',
      recommendations: 'Seguimiento en su consultorio',
    },
  },
  {
    icd10: 'K29.7',
    reason: 'Epigastralgia persistente pese al tratamiento',
    to: 'cdi',
    services: ['ENDOSCOPY'],
    urgency: 'routine',
    weight: 5,
    minAge: 18,
    care: 'exam',
    exams: ['ENDOSCOPY'],
    counter: {
      findings: 'Gastritis crónica en la endoscopia',
      treatment: 'Omeprazol 20 mg por 8 semanas',
      recommendations: 'Dieta y control en su consultorio',
    },
  },
  {
    icd10: 'E11',
    reason: 'Glucemias elevadas; perfil de laboratorio',
    to: 'cdi',
    services: ['CLINICAL_LABORATORY'],
    urgency: 'routine',
    weight: 8,
    minAge: 30,
    chronic: 'E11',
    care: 'exam',
    exams: ['CLINICAL_LABORATORY'],
    counter: {
      findings: 'Hemoglobina glicosilada y perfil renal informados',
      treatment: 'Ajuste de metformina',
      recommendations: 'Control trimestral en su consultorio',
    },
  },
  {
    icd10: 'I10',
    reason: 'Cifras tensionales elevadas; electrocardiograma',
    to: 'cdi',
    services: ['ELECTROCARDIOGRAPHY'],
    urgency: 'routine',
    weight: 6,
    minAge: 30,
    chronic: 'I10',
    care: 'exam',
    exams: ['ELECTROCARDIOGRAPHY'],
    counter: {
      findings: 'EKG informado',
      treatment: 'Mantener losartán; reducir sal',
      recommendations: 'Control de tensión arterial semanal',
    },
  },
  {
    icd10: 'S82',
    reason: 'Traumatismo de pierna con dolor e impotencia funcional',
    to: 'cdi',
    services: ['XRAY'],
    urgency: 'priority',
    weight: 6,
    minAge: 5,
    care: 'exam',
    exams: ['XRAY'],
    counter: {
      findings: 'Radiografía de pierna informada; inmovilizada',
      treatment: 'Analgesia e inmovilización',
      recommendations: 'Rehabilitación en la SRI al retirar la inmovilización',
    },
  },
  {
    icd10: 'H25',
    reason: 'Disminución progresiva de la visión',
    to: 'cdi',
    services: ['OPHTHALMOLOGY', 'SPECIALIST_CONSULTATIONS'],
    urgency: 'routine',
    weight: 3,
    minAge: 50,
    care: 'consultation',
    counter: {
      findings: 'Catarata senil',
      treatment: 'Ninguno por ahora',
      recommendations: 'Evaluación quirúrgica cuando limite la vida diaria',
    },
  },
  {
    icd10: 'M54.4',
    reason: 'Lumbociatalgia de meses de evolución',
    to: 'sri',
    services: ['REHABILITATION_CONSULTATION'],
    urgency: 'routine',
    weight: 8,
    minAge: 18,
    care: 'rehab',
    counter: {
      findings: 'Lumbociatalgia mecánica; plan de rehabilitación cumplido',
      treatment: 'Agentes físicos y gimnasio terapéutico',
      recommendations: 'Ejercicios en casa; higiene postural',
    },
  },
  {
    icd10: 'M16',
    reason: 'Dolor de cadera con limitación para caminar',
    to: 'sri',
    services: ['REHABILITATION_CONSULTATION'],
    urgency: 'routine',
    weight: 5,
    minAge: 50,
    care: 'rehab',
    counter: {
      findings: 'Coxartrosis; mejoría del dolor y de la marcha',
      treatment: 'Rehabilitación por modalidades',
      recommendations: 'Mantener ejercicios; control de peso',
    },
  },
  {
    icd10: 'I69',
    reason: 'Secuelas de enfermedad cerebrovascular',
    to: 'sri',
    services: ['REHABILITATION_CONSULTATION'],
    urgency: 'routine',
    weight: 4,
    minAge: 45,
    care: 'rehab',
    counter: {
      findings: 'Hemiparesia en recuperación',
      treatment: 'Rehabilitación física y del lenguaje',
      recommendations: 'Continuar ejercicios en casa con la familia',
    },
  },
  {
    icd10: 'N63',
    reason: 'Nódulo palpable en mama',
    to: 'cat',
    services: ['MAMMOGRAPHY'],
    urgency: 'routine',
    weight: 4,
    minAge: 35,
    sex: 'F',
    care: 'exam',
    exams: ['MAMMOGRAPHY'],
    counter: {
      findings: 'Mamografía informada (BI-RADS)',
      treatment: 'Según hallazgos',
      recommendations: 'Control según la categoría BI-RADS',
    },
  },
  {
    icd10: 'R51',
    reason: 'Cefalea progresiva con vómitos',
    to: 'cat',
    services: ['CT'],
    urgency: 'priority',
    weight: 3,
    minAge: 10,
    care: 'exam',
    exams: ['CT'],
    counter: {
      findings: 'Tomografía de cráneo informada',
      treatment: 'Analgesia',
      recommendations: 'Control neurológico si persiste',
    },
  },
  {
    icd10: 'I50.0',
    reason: 'Disnea de esfuerzo y edemas; evaluar función cardíaca',
    to: 'cat',
    services: ['ECHOCARDIOGRAPHY', 'CARDIOLOGY_CONSULTATION'],
    urgency: 'routine',
    weight: 3,
    minAge: 40,
    care: 'exam',
    exams: ['ECHOCARDIOGRAPHY'],
    counter: {
      findings: 'Ecocardiograma: fracción de eyección informada',
      treatment: 'Furosemida y enalapril',
      recommendations: 'Consulta de cardiología en 3 meses',
    },
  },
  {
    icd10: 'K80',
    reason: 'Colelitiasis sintomática, cólicos a repetición',
    to: 'hospital',
    services: ['GENERAL_SURGERY'],
    urgency: 'priority',
    weight: 5,
    minAge: 25,
    care: 'surgery',
    surgery: { kind: 'major_elective', procedure: 'Colecistectomía' },
    counter: {
      findings: 'Colecistectomía sin complicaciones',
      treatment: 'Analgesia por 5 días',
      recommendations: 'Retiro de puntos en su consultorio',
    },
  },
  {
    icd10: 'K40',
    reason: 'Hernia inguinal que aumenta de tamaño',
    to: 'hospital',
    services: ['GENERAL_SURGERY'],
    urgency: 'routine',
    weight: 3,
    minAge: 18,
    care: 'surgery',
    surgery: { kind: 'minor', procedure: 'Herniorrafia inguinal' },
    counter: {
      findings: 'Herniorrafia inguinal sin complicaciones',
      treatment: 'Analgesia; reposo relativo',
      recommendations: 'Evitar esfuerzos por 4 semanas',
    },
  },
  {
    icd10: 'K35',
    reason: 'Dolor en fosa ilíaca derecha con fiebre',
    to: 'hospital',
    services: ['EMERGENCY_ROOM'],
    urgency: 'emergency',
    weight: 2,
    minAge: 5,
    care: 'surgery',
    surgery: { kind: 'major_emergency', procedure: 'Apendicectomía' },
    counter: {
      findings: 'Apendicitis aguda; apendicectomía',
      treatment: 'Antibiótico por 5 días',
      recommendations: 'Control de la herida en su consultorio',
    },
  },
  {
    icd10: 'I10',
    reason: 'Hipertensión resistente a tres fármacos',
    to: 'hospital',
    services: ['CARDIOLOGY_CONSULTATION'],
    urgency: 'routine',
    weight: 3,
    minAge: 40,
    chronic: 'I10',
    care: 'consultation',
    counter: {
      findings: 'Hipertensión resistente sin causa secundaria evidente',
      treatment: 'Se añade espironolactona',
      recommendations: 'Control en cardiología en 3 meses',
    },
  },
];

/** Share of consultations that end in a referral: of an acute or check-up visit, and of a chronic patient's control. */
export const REFERRED_SHARE = { acute: 0.03, chronic: 0.015 } as const;

/**
 * A reason fitting the person (age, sex and, for a chronic control, the condition followed), drawn
 * by weight, or null when none fits. Returns the reason's index in REFERRAL_REASONS.
 */
export function pickReferralReason(
  random: Random,
  person: { age: number; sex: 'F' | 'M' },
  chronic: string | null,
): number | null {
  const fitting = REFERRAL_REASONS.flatMap((r, i) =>
    person.age >= r.minAge && (!r.sex || r.sex === person.sex) && (r.chronic ?? null) === chronic
      ? [[i, r.weight] as const]
      : [],
  );
  return fitting.length === 0 ? null : pickWeighted(random, fitting);
}

/** How the referrals end, of those old enough to have ended: most come back counter-referred. */
export const REFERRAL_ENDINGS = [
  ['completed', 80],
  ['refused', 11],
  ['unanswered', 9],
] as const;

/** Refusal reasons, by weight; a bed or a machine missing is the commonest. */
export const DEMO_REFUSALS = [
  ['no_beds', 3],
  ['equipment_out_of_order', 3],
  ['service_unavailable', 2],
  ['no_staff', 2],
  ['not_indicated', 2],
  ['incomplete_referral', 1],
  ['patient_did_not_arrive', 2],
] as const;
